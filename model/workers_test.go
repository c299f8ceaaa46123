package model_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/model"
)

// Ops split their work over GOMAXPROCS workers; every value must come out the
// same bit for bit whatever the count. The shape is large enough that each
// fused op (GELU, attention, layer norm, sums) really splits; dropout is on so
// that the attention mask is exercised too.
func TestSameBitsAtAnyWorkerCount(t *testing.T) {
	const batch, seq, vocab = 8, 16, 50
	cfg := model.Config{Vocab: vocab, MLMHead: true, Shape: arch.Shape{DModel: 64, Heads: 4, FF: 256, Layers: 2, MaxLen: seq, NormFirst: true, Activation: arch.GELU, Positions: arch.Learned, Dropout: 0.1}}
	bt := syntheticBatch(vocab, batch, seq, 0.3, rand.New(rand.NewPCG(4, 4)))
	// run returns the loss and every gradient, as float64 bit patterns.
	run := func(procs int) (loss float64, grads map[string][]float64) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		m, err := model.New(cfg, batch, seq, model.Options{Loss: []string{"mlm"}, Grad: true, Seed: 3})
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
