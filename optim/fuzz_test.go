package optim

import (
	"testing"

	"github.com/attendlab/attend/internal/fuzzcheck"
)

// FuzzOptimizerState: any optimizer.safetensors (or older optimizer.json)
// decodes or fails, and a decoded state restores into an optimizer or is
// refused, never panicking.
func FuzzOptimizerState(f *testing.F) {
	s := State{Kind: "adamw", Step: 2, Slots: map[string]map[string]Slot{"w": {"exp_avg": {Shape: []int{2}, Data: []float64{0.5, 1}}, "exp_avg_sq": {Shape: []int{2}, Data: []float64{0.25, 2}}}}}
	good, err := EncodeState(s, map[string]string{"lr": "0.1"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(`{"kind":"adamw","step":2,"slots":{"w":{"exp_avg":{"shape":[2],"data":[0.5,1]},"exp_avg_sq":{"shape":[2],"data":[0.25,2]}}}}`))
	f.Add([]byte(`{"kind":"sgd","step":-1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		params := []Param[float32]{{Name: "w", Shape: []int{2}, Value: []float32{1, 2}, Grad: []float32{0, 0}}}
		fuzzcheck.Alloc(t, len(b), 64, func() {
			for _, decode := range []func() (State, error){
				func() (State, error) { s, _, err := DecodeState(b, "optimizer.safetensors"); return s, err },
				func() (State, error) { return DecodeStateJSON(b, "optimizer.json") },
			} {
				s, err := decode()
				if err != nil {
					continue
				}
				for _, opt := range []Optimizer[float32]{NewAdamW[float32](AdamConfig{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}), NewSGD[float32](SGDConfig{Momentum: 0.9})} {
					if opt.Restore(s, params) == nil {
						if err := opt.Step(params, 0.1); err != nil {
							t.Fatalf("step after a restore that passed: %v", err)
						}
					}
				}
			}
		})
	})
}
