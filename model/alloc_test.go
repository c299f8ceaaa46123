package model_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/internal/allocs"
	"github.com/attendlab/attend/model"
)

// A training step allocates next to nothing once the first step has sized every
// buffer: ops write into their own outputs from the last step.
func TestStepAllocations(t *testing.T) {
	const batch, seq = 8, 16
	for _, c := range []struct {
		activation arch.Activation
		dropout    float64
	}{{"gelu", 0}, {"relu", 0.1}} {
		t.Run(fmt.Sprintf("%s/dropout=%g", c.activation, c.dropout), func(t *testing.T) {
			cfg := model.Config{Vocab: 100, MLMHead: true, Shape: arch.Shape{DModel: 32, Heads: 4, FF: 64, Layers: 2, MaxLen: seq, NormFirst: true, Activation: c.activation, Positions: arch.Learned, Dropout: c.dropout}}
			m, err := model.New(cfg, batch, seq, model.Options{Loss: []string{"mlm"}, Grad: true})
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(1, 2))
			bt := syntheticBatch(cfg.Vocab, batch, seq, 0.15, rng)
			step := func() {
				if _, err := m.Run(bt, true, rng); err != nil {
					t.Fatal(err)
				}
			}
			step()
			objects, bytes := allocs.PerCall(20, step)
			t.Logf("%d bytes, %d objects per step", bytes, objects)
			// The smallest activation here, [B*T, D] float32, is 16 KiB: one
			// of them allocated per step breaks the bound.
			if bytes > 24<<10 || objects > 500 {
				t.Errorf("%d bytes and %d objects per step, want at most 24 KiB and 500", bytes, objects)
			}
		})
	}
}
