package optim

import (
	"testing"

	"github.com/attendlab/attend/internal/fuzzcheck"
)

// FuzzOptimizerState: any older optimizer.json decodes or fails, and a
// decoded state restores into an optimizer or is refused, never panicking
// (runfolder fuzzes optimizer.safetensors).
func FuzzOptimizerState(f *testing.F) {
	f.Add([]byte(`{"kind":"adamw","step":2,"slots":{"w":{"exp_avg":{"shape":[2],"data":[0.5,1]},"exp_avg_sq":{"shape":[2],"data":[0.25,2]}}}}`))
	f.Add([]byte(`{"kind":"sgd","step":-1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		params := []Param[float32]{{Name: "w", Shape: []int{2}, Value: []float32{1, 2}, Grad: []float32{0, 0}}}
		fuzzcheck.Alloc(t, len(b), 64, func() {
			s, err := DecodeStateJSON(b, "optimizer.json")
			if err != nil {
				return
			}
			for _, opt := range []Optimizer[float32]{NewAdamW[float32](AdamConfig{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}), NewSGD[float32](SGDConfig{Momentum: 0.9})} {
				if opt.Restore(s, params) == nil {
					if err := opt.Step(params, 0.1); err != nil {
						t.Fatalf("step after a restore that passed: %v", err)
					}
				}
			}
		})
	})
}
