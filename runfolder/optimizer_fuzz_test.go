package runfolder

import (
	"testing"

	"github.com/attendlab/attend/internal/fuzzcheck"
	"github.com/attendlab/attend/optim"
)

// FuzzOptimizerFile: any optimizer.safetensors decodes or fails, and a
// decoded state restores into an optimizer or is refused, never panicking.
func FuzzOptimizerFile(f *testing.F) {
	s := optim.State{Kind: "adamw", Step: 2, Slots: map[string]map[string]optim.Slot{"w": {"exp_avg": {Shape: []int{2}, Data: []float64{0.5, 1}}, "exp_avg_sq": {Shape: []int{2}, Data: []float64{0.25, 2}}}}}
	good, err := EncodeOptimizer(s, map[string]string{"lr": "0.1"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzcheck.Alloc(t, len(b), 64, func() {
			s, _, err := DecodeOptimizer(b, OptimizerFile)
			if err != nil {
				return
			}
			params := []optim.Param[float32]{{Name: "w", Shape: []int{2}, Value: []float32{1, 2}, Grad: []float32{0, 0}}}
			for _, opt := range []optim.Optimizer[float32]{optim.NewAdamW[float32](optim.AdamConfig{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}), optim.NewSGD[float32](optim.SGDConfig{Momentum: 0.9})} {
				if opt.Restore(s, params) == nil {
					if err := opt.Step(params, 0.1); err != nil {
						t.Fatalf("step after a restore that passed: %v", err)
					}
				}
			}
		})
	})
}
