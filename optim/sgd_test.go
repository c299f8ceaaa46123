package optim

import (
	"math"
	"testing"
)

// The SGD cases use powers of two so that every intermediate is exact in both
// float32 and float64, and the hand-computed results can be compared with ==.
func testSGD[T Float](t *testing.T) {
	grads := [][]T{{0.5, 1}, {0.25, -1}}
	tests := []struct {
		name  string
		shape []int
		cfg   SGDConfig
		want  [][]T // weights after each step, from w0 = {1, -2}, lr 0.5
	}{
		// buf = g = {0.5, 1}; w = {0.75, -2.5}.
		// buf = 0.5*buf + {0.25, -1} = {0.5, -0.5}; w = {0.5, -2.25}.
		{"momentum", []int{2}, SGDConfig{Momentum: 0.5}, [][]T{{0.75, -2.5}, {0.5, -2.25}}},
		// w -= 0.5*g each step.
		{"plain", []int{2}, SGDConfig{}, [][]T{{0.75, -2.5}, {0.625, -2}}},
		// g += 0.5*w: {1, 0}; buf = {1, 0}; w = {0.5, -2}.
		// g = {0.25, -1} + {0.25, -1} = {0.5, -2}; buf = {0.5, 0} + g = {1, -2}; w = {0, -1}.
		{"momentum and decay on a matrix", []int{1, 2}, SGDConfig{Momentum: 0.5, WeightDecay: 0.5}, [][]T{{0.5, -2}, {0, -1}}},
		// MatricesOnly leaves the 1-D parameter undecayed: same as "momentum".
		{"decay skips a vector", []int{2}, SGDConfig{Momentum: 0.5, WeightDecay: 0.5}, [][]T{{0.75, -2.5}, {0.5, -2.25}}},
		// DecayAll decays it: same as the matrix case.
		{"decay all", []int{2}, SGDConfig{Momentum: 0.5, WeightDecay: 0.5, Decay: DecayAll}, [][]T{{0.5, -2}, {0, -1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := []Param[T]{{Name: "w", Shape: tt.shape, Value: []T{1, -2}}}
			opt := NewSGD[T](tt.cfg)
			for s, g := range grads {
				p[0].Grad = append([]T(nil), g...)
				if err := opt.Step(p, 0.5); err != nil {
					t.Fatalf("step %d: %v", s+1, err)
				}
				for i, w := range p[0].Value {
					if w != tt.want[s][i] {
						t.Errorf("step %d: w[%d] = %v, want %v", s+1, i, w, tt.want[s][i])
					}
				}
				for i := range g {
					if p[0].Grad[i] != g[i] {
						t.Errorf("step %d: Step changed grad[%d] to %v", s+1, i, p[0].Grad[i])
					}
				}
			}
		})
	}
}

func TestSGD(t *testing.T) {
	t.Run("float64", testSGD[float64])
	t.Run("float32", testSGD[float32])
}

// TestWeightDecayDefaults checks which parameters each optimizer decays,
// with zero gradients so that decay is the only force on the weights.
func TestWeightDecayDefaults(t *testing.T) {
	const lr, wd = 0.1, 0.01
	tests := []struct {
		name       string
		opt        Optimizer[float64]
		wantMatrix func(w float64) float64 // nil: must change but no exact value
		wantBias   func(b float64) float64
	}{
		{
			name: "adamw matrices only",
			opt:  NewAdamW[float64](adamWD(wd)),
			// PyTorch's param.mul_(1 - lr*wd); Adam's own update is 0 for zero grads.
			wantMatrix: func(w float64) float64 { return w * (1 - lr*wd) },
			wantBias:   func(b float64) float64 { return b },
		},
		{
			name:       "adamw decay all",
			opt:        NewAdamW[float64](AdamConfig{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: wd, Decay: DecayAll}),
			wantMatrix: func(w float64) float64 { return w * (1 - lr*wd) },
			wantBias:   func(b float64) float64 { return b * (1 - lr*wd) },
		},
		{
			name:     "adam matrices only",
			opt:      NewAdam[float64](adamWD(wd)),
			wantBias: func(b float64) float64 { return b },
		},
		{
			name:       "sgd matrices only",
			opt:        NewSGD[float64](SGDConfig{WeightDecay: wd}),
			wantMatrix: func(w float64) float64 { return w - lr*(wd*w) },
			wantBias:   func(b float64) float64 { return b },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w0, b0 := []float64{1.5, -0.75, 0.3, 2}, []float64{0.5, -1.25}
			params := []Param[float64]{
				{Name: "layer.weight", Shape: []int{2, 2}, Value: append([]float64(nil), w0...), Grad: make([]float64, 4)},
				{Name: "layer.bias", Shape: []int{2}, Value: append([]float64(nil), b0...), Grad: make([]float64, 2)},
			}
			if err := tt.opt.Step(params, lr); err != nil {
				t.Fatal(err)
			}
			for i, w := range params[0].Value {
				switch {
				case tt.wantMatrix != nil && w != tt.wantMatrix(w0[i]):
					t.Errorf("matrix[%d] = %v, want %v", i, w, tt.wantMatrix(w0[i]))
				case tt.wantMatrix == nil && w == w0[i]:
					t.Errorf("matrix[%d] = %v was not decayed", i, w)
				}
				// Whatever the rounding, the shrink is lr*wd*w to within an ulp.
				if tt.wantMatrix != nil && math.Abs(w-(w0[i]-lr*wd*w0[i])) > 4e-16*math.Abs(w0[i]) {
					t.Errorf("matrix[%d] = %v, want about %v", i, w, w0[i]-lr*wd*w0[i])
				}
			}
			for i, b := range params[1].Value {
				if want := tt.wantBias(b0[i]); b != want {
					t.Errorf("bias[%d] = %v, want %v", i, b, want)
				}
			}
		})
	}
}
