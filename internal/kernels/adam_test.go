package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestScale checks Scale against the Go loop's bits, with and without a tail.
func TestScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, n := range []int{0, 1, 7, 8, 9, 64, 1001} {
		x := make([]float32, n)
		want := make([]float32, n)
		s := float32(rng.Float64())
		for i := range x {
			x[i] = float32(rng.NormFloat64())
			want[i] = x[i] * s
		}
		Scale(x, s)
		for i := range x {
			if math.Float32bits(x[i]) != math.Float32bits(want[i]) {
				t.Fatalf("n=%d: x[%d] = %v, want %v", n, i, x[i], want[i])
			}
		}
	}
}

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
