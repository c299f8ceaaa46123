package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// SumSquares against a float64 loop (each square exact, so only the order
// of the sums may differ), at lengths with and without a tail.
func TestSumSquares(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, n := range []int{0, 1, 7, 8, 9, 64, 1001} {
		x := make([]float32, n)
		var want float64
		for i := range x {
			x[i] = float32(rng.NormFloat64())
			want += float64(x[i]) * float64(x[i])
		}
		if got := SumSquares(x); math.Abs(got-want) > 1e-12*(1+want) {
			t.Fatalf("n=%d: %v, want %v", n, got, want)
		}
	}
}
