package model

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/attendlab/attend/data"
)

// Ops split their work over GOMAXPROCS workers; every value must come out the
// same bit for bit whatever the count. The shape is large enough that each
// fused op (GELU, attention, layer norm, sums) really splits; dropout is on so
// that the attention mask is exercised too.
func TestSameBitsAtAnyWorkerCount(t *testing.T) {
	const batch, seq, vocab = 8, 16, 50
	cfg := Config{Vocab: vocab, Dim: 64, Heads: 4, FF: 256, Layers: 2, MaxLen: seq, NormFirst: true,
		Activation: "gelu", Positions: "learned", Dropout: 0.1}
	bt := data.Batch{B: batch, T: seq, IDs: make([]int, batch*seq), Labels: make([]int, batch*seq),
		Pad: make([]bool, batch*seq), Target: make([]int, batch), Sense: make([]int, batch)}
	rng := rand.New(rand.NewPCG(4, 4))
	for i := range bt.IDs {
		bt.IDs[i], bt.Labels[i] = 4+rng.IntN(vocab-4), data.IgnoreLabel
		switch {
		case i%seq >= seq-3:
			bt.IDs[i], bt.Pad[i] = data.PadID, true
		case rng.Float64() < 0.3:
			bt.Labels[i] = bt.IDs[i]
		}
	}
	// run returns the loss and every gradient, as float64 bit patterns.
	run := func(procs int) (loss float64, grads map[string][]float64) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		m, err := New(cfg, batch, seq, Options{MLM: true, Grad: true, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		drop := rand.New(rand.NewPCG(5, 5))
		grads = map[string][]float64{}
		for step := 0; step < 2; step++ {
			r, err := m.Run(bt, true, drop)
			if err != nil {
				t.Fatal(err)
			}
			loss = r.Loss
			for _, p := range m.G.Params() {
				if g, err := p.TorchGrad(); err == nil {
					grads[fmt.Sprint(step, p.Name)] = g
				}
			}
		}
		return loss, grads
	}
	loss1, grads1 := run(1)
	for _, procs := range []int{2, 3} {
		loss, grads := run(procs)
		if loss != loss1 {
			t.Errorf("GOMAXPROCS=%d: loss %v, with one worker %v", procs, loss, loss1)
		}
		if len(grads) != len(grads1) {
			t.Fatalf("GOMAXPROCS=%d: %d gradients, with one worker %d", procs, len(grads), len(grads1))
		}
		for name, g := range grads {
			for i, v := range g {
				if v != grads1[name][i] {
					t.Fatalf("GOMAXPROCS=%d: gradient %s[%d] = %v, with one worker %v", procs, name, i, v, grads1[name][i])
				}
			}
		}
	}
}
