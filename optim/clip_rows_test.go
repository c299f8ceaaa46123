package optim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// A gradient whose non-zero rows are listed (an embedding's) is clipped to
// the same bits, norm included, as the same gradient read whole: with rows
// a multiple of 8 long (the assembly's blocks) and not, clipped and not,
// in float32 and float64.
func TestClipGradNormRowsSameBits(t *testing.T) {
	for _, c := range []struct {
		name    string
		v, d    int
		rows    []int
		maxNorm float64
	}{
		{"rows of 64, clipped", 50, 64, []int{0, 3, 17, 49}, 0.5},
		{"rows of 64, not clipped", 50, 64, []int{2, 9}, 1e6},
		{"rows of 12, clipped", 30, 12, []int{1, 2, 29}, 0.5},
		{"no row", 10, 8, []int{}, 0.5},
	} {
		t.Run(c.name+"/float32", func(t *testing.T) { clipRowsCase[float32](t, c.v, c.d, c.rows, c.maxNorm) })
		t.Run(c.name+"/float64", func(t *testing.T) { clipRowsCase[float64](t, c.v, c.d, c.rows, c.maxNorm) })
	}
}

func clipRowsCase[T Float](t *testing.T, v, d int, rows []int, maxNorm float64) {
	rng := rand.New(rand.NewPCG(3, 4))
	make2 := func() []Param[T] {
		g := make([]T, v*d)
		for _, r := range rows {
			for k := range d {
				g[r*d+k] = T(rng.NormFloat64())
			}
		}
		bias := []T{T(rng.NormFloat64()), T(rng.NormFloat64())}
		return []Param[T]{
			{Name: "embed", Shape: []int{v, d}, Value: make([]T, v*d), Grad: g},
			{Name: "bias", Shape: []int{2}, Value: make([]T, 2), Grad: bias},
		}
	}
	whole := make2()
	rng = rand.New(rand.NewPCG(3, 4))
	listed := make2()
	listed[0].Rows = rows
	n1, n2 := ClipGradNorm(whole, maxNorm), ClipGradNorm(listed, maxNorm)
	if math.Float64bits(n1) != math.Float64bits(n2) {
		t.Fatalf("norm %v with rows listed, %v read whole", n2, n1)
	}
	for i := range whole {
		for j, g := range whole[i].Grad {
			if h := listed[i].Grad[j]; math.Float64bits(float64(g)) != math.Float64bits(float64(h)) {
				t.Fatalf("%s[%d] = %v with rows listed, %v read whole", whole[i].Name, j, h, g)
			}
		}
	}
	// Only the blocks of 8 holding listed rows are read: a NaN in another
	// row's block is not seen.
	unlisted := slices.Index(seen(v, rows), false)
	if unlisted < 0 {
		return
	}
	rng = rand.New(rand.NewPCG(3, 4))
	probe := make2()
	probe[0].Rows = rows
	probe[0].Grad[unlisted*d] = T(math.NaN())
	if n := ClipGradNorm(probe, maxNorm); math.Float64bits(n) != math.Float64bits(n1) {
		t.Fatalf("norm %v with a NaN in unlisted row %d, want %v", n, unlisted, n1)
	}
}

// seen marks the rows listed.
func seen(v int, rows []int) []bool {
	s := make([]bool, v)
	for _, r := range rows {
		s[r] = true
	}
	return s
}
