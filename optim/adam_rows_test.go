package optim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// An Adam or AdamW step on a gradient whose non-zero rows are listed (an
// embedding's) gives every value and moment the bits of the same step with
// the gradient read whole, over steps that list different rows: rows of 64
// (the assembly's blocks), rows of 12 (blocks across rows), and a table
// longer than the zero buffer that stands in for the unlisted rows.
func TestAdamRowsSameBits(t *testing.T) {
	for _, c := range []struct {
		name string
		v, d int
	}{{"rows of 64", 40, 64}, {"rows of 12", 37, 12}, {"long gaps", 300, 64}} {
		for _, kind := range []struct {
			name string
			new  func(AdamConfig) Optimizer[float32]
		}{{"adam", NewAdam[float32]}, {"adamw", NewAdamW[float32]}} {
			t.Run(c.name+"/"+kind.name, func(t *testing.T) {
				cfg := AdamDefaults()
				cfg.WeightDecay = 0.1
				whole, listed := kind.new(cfg), kind.new(cfg)
				n := c.v * c.d
				w1, w2, g := make([]float32, n), make([]float32, n), make([]float32, n)
				rng := rand.New(rand.NewPCG(5, 6))
				for i := range w1 {
					w1[i] = float32(rng.NormFloat64())
				}
				copy(w2, w1)
				for step, rows := range [][]int{{0, 5, 6, c.v - 1}, {}, {2, c.v / 2}, {1, 3, 4, 7, 9}} {
					clear(g)
					for _, r := range rows {
						for k := range c.d {
							g[r*c.d+k] = float32(rng.NormFloat64())
						}
					}
					shape := []int{c.v, c.d}
					if err := whole.Step([]Param[float32]{{Name: "e", Shape: shape, Value: w1, Grad: g}}, 1e-2); err != nil {
						t.Fatal(err)
					}
					if err := listed.Step([]Param[float32]{{Name: "e", Shape: shape, Value: w2, Grad: g, Rows: rows}}, 1e-2); err != nil {
						t.Fatal(err)
					}
					for i := range w1 {
						if math.Float32bits(w1[i]) != math.Float32bits(w2[i]) {
							t.Fatalf("step %d, value %d (row %d): %v with rows listed, %v read whole", step+1, i, i/c.d, w2[i], w1[i])
						}
					}
				}
			})
		}
	}
}
