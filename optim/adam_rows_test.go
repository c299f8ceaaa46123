package optim

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/attendlab/attend/internal/kernels"
)

// An Adam or AdamW step on a gradient whose non-zero rows are listed (an
// embedding's) gives every value the bits of the same step with the
// gradient read whole (a moment that differed would show in the next
// steps' values), over steps that list different rows: rows of 64
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

// With rows listed, the assembly still takes all but the last few values
// of a worker's range, whatever the row length and wherever the range
// starts (a split that cuts rows): only blocks holding a listed row read
// the gradient.
func TestAdamRowsCoverage(t *testing.T) {
	k := &kernels.AdamStep{W1: 0.1, B2: 0.999, W2: 0.001, BC2Sqrt: 0.03, Eps: 1e-8, NegStep: -0.01, Shrink: 1, Mode: kernels.DecoupledWD}
	probe := make([]float32, 16)
	if kernels.AdamPrefix(probe, probe, probe, probe, k) == 0 {
		t.Skip("no assembly on this CPU or build: the update runs in Go")
	}
	for _, d := range []int{12, 36, 64} {
		const v = 200
		n := v * d
		p := Param[float32]{Name: "e", Shape: []int{v, d}, Value: make([]float32, n), Grad: make([]float32, n), Rows: []int{0, 1, 7, 50, 51, 120, v - 1}}
		m, s := make([]float32, n), make([]float32, n)
		for _, lo := range []int{0, 3, 20, n/3 + 5} {
			hi := n - 1
			got := adamPrefix32(p.Value[lo:hi], p.Grad, m[lo:hi], s[lo:hi], lo, p, k)
			if got < hi-lo-7 {
				t.Errorf("rows of %d from %d: the assembly took %d of %d values", d, lo, got, hi-lo)
			}
		}
	}
}

// Rows that break their contract (ascending, each once, below Shape[0]) are
// an error naming the parameter, before anything is updated.
func TestRowsChecked(t *testing.T) {
	for _, rows := range [][]int{{1, 1}, {3, 2}, {0, 4}, {-1}} {
		w := []float32{1, 2, 3, 4, 5, 6, 7, 8}
		p := Param[float32]{Name: "e", Shape: []int{4, 2}, Value: w, Grad: make([]float32, 8), Rows: rows}
		err := NewAdamW[float32](AdamDefaults()).Step([]Param[float32]{p}, 0.1)
		if err == nil || !strings.Contains(err.Error(), `"e"`) || !strings.Contains(err.Error(), "rows") {
			t.Errorf("rows %v: %v, want an error naming e and its rows", rows, err)
		}
		if w[0] != 1 {
			t.Errorf("rows %v: a value moved", rows)
		}
	}
}
