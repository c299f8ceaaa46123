package optim

import (
	"math"
	"testing"
)

// A float32 step takes 8 lanes at a time in assembly where the CPU can, and
// the tail one element at a time; every element must get the bits of the
// one-at-a-time arithmetic, for Adam and AdamW, with and without decay.
func TestAdamFloat32LanesSameBits(t *testing.T) {
	for _, tc := range []struct {
		name string
		new  func(AdamConfig) Optimizer[float32]
		wd   float64
	}{{"adam", NewAdam[float32], 0.1}, {"adamw", NewAdamW[float32], 0.1}, {"adamw-nodecay", NewAdamW[float32], 0}} {
		t.Run(tc.name, func(t *testing.T) {
			c := AdamDefaults()
			c.WeightDecay = tc.wd
			opt := tc.new(c)
			const n = 8*4 + 5
			w, g := make([]float32, n), make([]float32, n)
			for i := range w {
				w[i] = float32(math.Sin(float64(i))) * 0.7
			}
			want := append([]float32(nil), w...)
			m, v := make([]float32, n), make([]float32, n)
			lr := 1e-2
			for step := 1; step <= 3; step++ {
				for i := range g {
					g[i] = float32(math.Cos(float64(i*step))) * 0.3
				}
				if err := opt.Step([]Param[float32]{{Name: "w", Shape: []int{n, 1}, Value: w, Grad: g}}, lr); err != nil {
					t.Fatal(err)
				}
				bc1, bc2 := 1-math.Pow(c.Beta1, float64(step)), 1-math.Pow(c.Beta2, float64(step))
				for i := range want {
					wi, gi := want[i], g[i]
					if tc.wd != 0 && tc.name == "adam" {
						gi += float32(float32(tc.wd) * wi)
					} else if tc.wd != 0 {
						wi = float32(wi * float32(1-lr*tc.wd))
					}
					m[i] = lerp(m[i], gi, float32(1-c.Beta1))
					v[i] = float32(v[i]*float32(c.Beta2)) + float32(float32(float32(1-c.Beta2)*gi)*gi)
					denom := float32(sqrt(v[i])/float32(math.Sqrt(bc2))) + float32(c.Eps)
					want[i] = wi + float32(float32(-(lr/bc1))*m[i])/denom
				}
			}
			for i := range w {
				if math.Float32bits(w[i]) != math.Float32bits(want[i]) {
					t.Fatalf("element %d: %v, one at a time %v", i, w[i], want[i])
				}
			}
		})
	}
}
