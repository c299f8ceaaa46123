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

// SumSquares has the bits of its Go lane order (sumSquaresLanes, what
// purego runs) plus the tail, in particular on gradients made mostly of zero
// rows (an embedding's), whose all-zero blocks the assembly skips; -0 and
// lone zeros inside a block are summed.
func TestSumSquaresSparseBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	negZero := float32(math.Copysign(0, -1))
	for _, c := range []struct {
		name     string
		n, dense int // length, and one row of 64 in dense has values
	}{
		{"dense", 1000, 1}, {"sparse rows", 64 * 300, 37}, {"sparse with tail", 64*50 + 5, 7}, {"all zero", 4096, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := make([]float32, c.n)
			for i := range x {
				switch row := i / 64; {
				case c.dense > 0 && row%c.dense == 0:
					x[i] = float32(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(9)-4)))
				case i%97 == 5:
					x[i] = negZero
				}
			}
			n := len(x) &^ 7
			var acc [8]float64
			sumSquaresLanes(&acc, x[:n])
			want := reduceLanes(&acc)
			for _, v := range x[n:] {
				want += float64(v) * float64(v)
			}
			got := SumSquares(x)
			if math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("%v, want %v (bits %x, %x)", got, want, math.Float64bits(got), math.Float64bits(want))
			}
			if c.n%64 != 0 {
				return
			}
			// Only the rows with values listed: the -0s elsewhere add nothing.
			var rows []int
			for r := 0; c.dense > 0 && r < c.n/64; r += c.dense {
				rows = append(rows, r)
			}
			if got := SumSquaresRows(x, 64, rows); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("rows %v: %v, want %v", rows, got, want)
			}
		})
	}
}

// Add against the Go sum's bits, with and without a tail, with
// infinities, NaN and sums that round.
func TestAdd(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for _, n := range []int{0, 1, 7, 8, 9, 64, 1001} {
		x, y, out := make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range x {
			x[i], y[i] = float32(rng.NormFloat64()*1e3), float32(rng.NormFloat64()*1e-3)
			switch i % 50 {
			case 3:
				x[i] = float32(math.Inf(1))
			case 4:
				y[i] = float32(math.NaN())
			}
		}
		Add(out, x, y)
		for i := range out {
			want := x[i] + y[i]
			if math.Float32bits(out[i]) != math.Float32bits(want) && !(out[i] != out[i] && want != want) {
				t.Fatalf("n=%d: out[%d] = %v, want %v", n, i, out[i], want)
			}
		}
	}
}
