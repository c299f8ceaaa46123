package model_test

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/model"
)

// The executor runs the independent ops of a wave side by side; the loss
// and every gradient must have the bits of the one-op-at-a-time executor,
// at any worker count, over several steps (buffers reused), with the sense
// and contrastive losses of the default run and with masked LM (whose
// vocabulary, 60, is not a multiple of 8: the bias gradient's cut once
// changed its bits).
func TestConcurrentOpsSameBits(t *testing.T) {
	const batch, seq, vocab = 16, 12, 60
	shape := arch.Shape{DModel: 32, Heads: 4, FF: 128, Layers: 2, MaxLen: seq, NormFirst: true, Activation: arch.GELU, Positions: arch.Sinusoidal, Dropout: 0.1}
	for _, c := range []struct {
		name string
		o    model.Options
	}{
		{"sense+contrast", model.Options{Loss: []string{"sense"}, Weights: map[string]float64{"contrast": 0.5}, Grad: true, Seed: 7}},
		{"mlm", model.Options{Loss: []string{"mlm"}, Grad: true, Seed: 8}},
	} {
		t.Run(c.name, func(t *testing.T) {
			bt := syntheticBatch(vocab, batch, seq, 0.3, rand.New(rand.NewPCG(4, 4)))
			for i := range bt.Target {
				bt.Target[i], bt.Sense[i] = i%(seq-3), i%2
			}
			cfg := model.Config{Vocab: vocab, Senses: 2, MLMHead: slices.Contains(c.o.Loss, "mlm"), Shape: shape}
			run := func(concurrent bool, procs int) []uint64 {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				defer graph.SetConcurrent(graph.SetConcurrent(concurrent))
				m, err := model.New(cfg, batch, seq, c.o)
				if err != nil {
					t.Fatal(err)
				}
				drop := rand.New(rand.NewPCG(5, 5))
				var bits []uint64
				for range 3 {
					r, err := m.Run(bt, true, drop)
					if err != nil {
						t.Fatal(err)
					}
					bits = append(bits, math.Float64bits(r.Loss))
					for _, p := range m.G.Params() {
						if g, err := p.TorchGrad(); err == nil {
							for _, v := range g {
								bits = append(bits, math.Float64bits(v))
							}
						}
					}
				}
				return bits
			}
			want := run(false, 1)
			for _, procs := range []int{1, 2, 3, 4} {
				for _, concurrent := range []bool{false, true} {
					got := run(concurrent, procs)
					if len(got) != len(want) {
						t.Fatalf("GOMAXPROCS=%d concurrent=%v: %d values, one at a time on one worker %d", procs, concurrent, len(got), len(want))
					}
					for i := range got {
						if got[i] != want[i] {
							t.Fatalf("GOMAXPROCS=%d concurrent=%v: value %d has bits %x, one at a time on one worker %x", procs, concurrent, i, got[i], want[i])
						}
					}
				}
			}
		})
	}
}
