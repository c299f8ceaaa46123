package graph

import (
	"math"
	"testing"

	"github.com/attendlab/attend/internal/kernels"
)

// ulps is |got - want| in units of the last place of want rounded to float32.
func ulps(got float32, want float64) float64 {
	w := float32(want)
	a := float32(math.Abs(float64(w)))
	ulp := float64(math.Nextafter32(a, float32(math.Inf(1))) - a)
	return math.Abs(float64(got)-want) / ulp
}

func TestErf32(t *testing.T) {
	const n = 4_000_000
	var worst float64
	var at float32
	for i := 0; i <= n; i++ {
		x := float32(-6 + 12*float64(i)/n)
		if u := ulps(erf32(x), math.Erf(float64(x))); u > worst {
			worst, at = u, x
		}
	}
	// Tiny arguments, where erf(x) ≈ 2x/√π must keep its relative precision.
	for x := float32(1e-30); x < 1e-3; x *= 1.37 {
		for _, s := range []float32{x, -x} {
			if u := ulps(erf32(s), math.Erf(float64(s))); u > worst {
				worst, at = u, s
			}
		}
	}
	if worst > 3 {
		t.Errorf("erf32: %.2f ulp at x = %v, want <= 3", worst, at)
	}
	t.Logf("erf32: worst %.2f ulp at x = %v", worst, at)
	if v := erf32(float32(math.NaN())); v == v {
		t.Errorf("erf32(NaN) = %v", v)
	}
}

// TestExp32: kernels.Exp32 is the Gaussian density's exponential in the GELU gradient.
func TestExp32(t *testing.T) {
	var worst float64
	var at float32
	for i := 0; i <= 1_000_000; i++ {
		x := float32(-87 * float64(i) / 1_000_000)
		if u := ulps(kernels.Exp32(x), math.Exp(float64(x))); u > worst {
			worst, at = u, x
		}
	}
	if worst > 3 {
		t.Errorf("Exp32: %.2f ulp at x = %v, want <= 3", worst, at)
	}
	t.Logf("Exp32: worst %.2f ulp at x = %v", worst, at)
}

// TestGELU32 holds the float32 GELU and its gradient to the float64 reference.
func TestGELU32(t *testing.T) {
	const n = 200_001
	x32, y32, d32, one := make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)
	x64, y64, d64, one64 := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range x32 {
		x32[i] = float32(-10 + 20*float64(i)/(n-1))
		x64[i], one[i], one64[i] = float64(x32[i]), 1, 1
	}
	c32, c64 := make([]float32, n), make([]float64, n)
	geluForward(x32, y32, c32)
	geluForward(x64, y64, c64)
	geluBackward(x32, c32, one, make([]float32, n), d32)
	geluBackward(x64, c64, one64, make([]float64, n), d64)
	for i := range x32 {
		if e := math.Abs(float64(y32[i]) - y64[i]); e > 1e-6*(1+math.Abs(y64[i])) {
			t.Fatalf("gelu32(%v) = %v, want %v", x32[i], y32[i], y64[i])
		}
		if e := math.Abs(float64(d32[i]) - d64[i]); e > 1e-6*(1+math.Abs(d64[i])) {
			t.Fatalf("gelu32 gradient at %v = %v, want %v", x32[i], d32[i], d64[i])
		}
	}
}

// erfs (8 lanes at a time in kernels where the CPU can) gives erf32's bits
// over a dense grid, the interval edges, zeros, infinities and NaN.
func TestErfsSameBitsAsErf32(t *testing.T) {
	x := make([]float32, 0, 4_000_100)
	for i := 0; i <= 4_000_000; i++ {
		x = append(x, float32(-6+12*float64(i)/4_000_000))
	}
	for _, e := range []float32{1, 2, 3, 4} {
		x = append(x, e, -e, math.Nextafter32(e, 0), -math.Nextafter32(e, 0))
	}
	x = append(x, 0, float32(math.Copysign(0, -1)), 1e-30, -1e-30, 1e-45, float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), 1e30, -1e30)
	got := append([]float32(nil), x...)
	erfs(got)
	for i, v := range x {
		if want := erf32(v); math.Float32bits(got[i]) != math.Float32bits(want) {
			t.Fatalf("erfs(%v) = %v, erf32 %v", v, got[i], want)
		}
	}
}

// geluForward and geluBackward in float32 (8 lanes at a time in kernels
// where the CPU can) give the bits of their loops written one element at a
// time, over a grid, zeros, infinities and NaN, at lengths that leave tails.
func TestGELUKernelsSameBits(t *testing.T) {
	x := []float32{0, float32(math.Copysign(0, -1)), 1e-30, 1, -1, 4, -4, 9, -13, 1e30, -1e30,
		float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN())}
	for i := 0; i <= 100_000; i++ {
		x = append(x, float32(-8+16*float64(i)/100_000))
	}
	for _, n := range []int{len(x), len(x) - 3, 7} {
		x := x[:n]
		y, cdf, dy, dx := make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range dy {
			dy[i] = float32(i%7) - 3.5
		}
		geluForward(x, y, cdf)
		geluBackward(x, cdf, dy, make([]float32, n), dx)
		same := func(a, b float32) bool { return math.Float32bits(a) == math.Float32bits(b) || a != a && b != b }
		for i, v := range x {
			c := 0.5 * (1 + erf32(v*(1/math.Sqrt2)))
			d := dy[i] * (c + v*invSqrt2Pi*kernels.Exp32(-0.5*v*v))
			if !same(cdf[i], c) || !same(y[i], v*c) || !same(dx[i], d) {
				t.Fatalf("n=%d x=%v: cdf, y, dx = %v, %v, %v; one at a time %v, %v, %v", n, v, cdf[i], y[i], dx[i], c, v*c, d)
			}
		}
	}
}
