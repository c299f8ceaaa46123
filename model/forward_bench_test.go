package model_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/model"
)

// forwardShape is one size of the inference benchmark. Its name,
// B1_T20_D64_H4_F256_L2_V19438 for one sentence of the default model, is a
// contract: scripts/bench.sh reads the sizes back from it to run the PyTorch
// twin scripts/bench_forward.py.
type forwardShape struct{ B, T, D, H, F, L, V int }

func (s forwardShape) String() string {
	return fmt.Sprintf("B%d_T%d_D%d_H%d_F%d_L%d_V%d", s.B, s.T, s.D, s.H, s.F, s.L, s.V)
}

// forwardSenses is the default run's sense head: six words of two senses.
const forwardSenses = 12

// forwardShapes are one sentence and a batch of 32 at the default run's shape.
func forwardShapes() []forwardShape {
	one := forwardShape{B: 1, T: 20, D: 64, H: 4, F: 256, L: 2, V: 19438}
	batch := one
	batch.B = 32
	return []forwardShape{one, batch}
}

// BenchmarkForward times what the explorer and the quick look do per
// sentence: a forward pass with no loss and no gradients, every layer's
// vectors and attention probabilities kept (Observe), the sense head on the
// target rows; the last 3 positions are padding.
func BenchmarkForward(b *testing.B) {
	for _, s := range forwardShapes() {
		b.Run(s.String(), func(b *testing.B) { benchForward(b, s) })
	}
}

func benchForward(b *testing.B, s forwardShape) {
	cfg := model.Config{Vocab: s.V, Senses: forwardSenses, Shape: arch.Shape{DModel: s.D, Heads: s.H, FF: s.F, Layers: s.L, MaxLen: max(s.T, 32), NormFirst: true, Activation: arch.GELU, Positions: arch.Sinusoidal}}
	m, err := model.New(cfg, s.B, s.T, model.Options{Observe: true, EmbedStd: 0.02})
	if err != nil {
		b.Fatal(err)
	}
	bt := syntheticBatch(s.V, s.B, s.T, 0, rand.New(rand.NewPCG(1, 2)))
	for i := range bt.Target {
		bt.Target[i] = i % (s.T - 3)
	}
	run := func() {
		if _, err := m.Run(bt, false, nil); err != nil {
			b.Fatal(err)
		}
	}
	run() // sizes every buffer
	b.ReportAllocs()
	for b.Loop() {
		run()
	}
	b.ReportMetric(float64(s.B)*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// The forward pass keeps what the explorer reads: one vector per
// representation (embedding + position and each layer) per token, and one
// attention row per layer, head and query, which sum to 1.
func TestForwardKeepsEveryLayer(t *testing.T) {
	s := forwardShape{B: 2, T: 6, D: 16, H: 2, F: 32, L: 2, V: 40}
	cfg := model.Config{Vocab: s.V, Senses: forwardSenses, Shape: arch.Shape{DModel: s.D, Heads: s.H, FF: s.F, Layers: s.L, MaxLen: s.T, NormFirst: true, Activation: arch.GELU, Positions: arch.Sinusoidal}}
	m, err := model.New(cfg, s.B, s.T, model.Options{Observe: true})
	if err != nil {
		t.Fatal(err)
	}
	bt := syntheticBatch(s.V, s.B, s.T, 0, rand.New(rand.NewPCG(1, 2)))
	if _, err := m.Run(bt, false, nil); err != nil {
		t.Fatal(err)
	}
	hidden := m.Hidden()
	if len(hidden) != s.L+1 {
		t.Fatalf("%d representations, want %d", len(hidden), s.L+1)
	}
	for i, h := range hidden {
		if len(h) != s.B*s.T*s.D {
			t.Errorf("representation %d: %d values, want %d", i, len(h), s.B*s.T*s.D)
		}
	}
	for l := 0; l < s.L; l++ {
		for h := 0; h < s.H; h++ {
			row := m.Attention(l, 1, h, 0)
			sum := 0.0
			for _, p := range row {
				sum += p
			}
			if len(row) != s.T || sum < 0.999 || sum > 1.001 || row[s.T-1] != 0 {
				t.Errorf("layer %d head %d: attention row %v (sum %v), want %d probabilities summing to 1, padding 0", l, h, row, sum, s.T)
			}
		}
	}
}
