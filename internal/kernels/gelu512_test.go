package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The 16-lane GELU kernels give the 8-lane ones' bits, over a grid, the
// erf intervals' edges, zeros, Exp32's underflow edge, infinities and NaN,
// at lengths that leave an 8-lane block and a tail.
func TestGelu512SameBitsAsAVX2(t *testing.T) {
	x := []float32{0, float32(math.Copysign(0, -1)), 1e-30, 1e-45, 1e30, -1e30, 13.2, -13.2, 14, -14,
		float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN())}
	for _, e := range []float32{1, 2, 3, 4, 8, 16} {
		for _, v := range []float32{e, math.Nextafter32(e, 0)} {
			x = append(x, v*math.Sqrt2, -v*math.Sqrt2)
		}
	}
	for i := 0; i <= 50_000; i++ {
		x = append(x, float32(-20+40*float64(i)/50_000))
	}
	t.Logf("AVX2 %v, AVX-512 %v", vecAsm, vec512)
	for _, n := range []int{len(x), len(x) - 3, len(x) - 9, 24, 15} {
		x := x[:n]
		dy := make([]float32, n)
		for i := range dy {
			dy[i] = float32(i%7) - 3.5
		}
		y, cdf, dx := make([]float32, n), make([]float32, n), make([]float32, n)
		got := GeluPrefix(x, y, cdf)
		if gotGrad := GeluGradPrefix(x, cdf, dy, dx); gotGrad != got {
			t.Fatalf("n=%d: forward prefix %d, backward %d", n, got, gotGrad)
		}
		if !vecAsm {
			if got != 0 {
				t.Fatalf("n=%d: prefix %d without AVX2", n, got)
			}
			continue
		}
		if want := n &^ 7; got != want {
			t.Fatalf("n=%d: prefix %d, want %d", n, got, want)
		}
		y8, cdf8, dx8 := make([]float32, n), make([]float32, n), make([]float32, n)
		geluAVX2(got/8, &x[0], &y8[0], &cdf8[0])
		geluGradAVX2(got/8, &x[0], &cdf8[0], &dy[0], &dx8[0])
		for i := range got {
			for _, p := range [][2]float32{{y[i], y8[i]}, {cdf[i], cdf8[i]}, {dx[i], dx8[i]}} {
				if math.Float32bits(p[0]) != math.Float32bits(p[1]) {
					t.Fatalf("n=%d x=%v: y, cdf, dx = %v, %v, %v; 8 lanes %v, %v, %v", n, x[i], y[i], cdf[i], dx[i], y8[i], cdf8[i], dx8[i])
				}
			}
		}
	}
}

// BenchmarkGelu times the GELU kernels over one feed-forward activation of
// the default run (B32 T20 F256) in 8 and, where the CPU has them, 16 lanes.
func BenchmarkGelu(b *testing.B) {
	const n = 32 * 20 * 256
	x, y, cdf, dy, dx := make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)
	for i := range x {
		x[i], dy[i] = float32(i%97)/16-3, 1
	}
	if !vecAsm {
		b.Skip("no AVX2: the kernels run in Go")
	}
	kinds := []struct {
		name      string
		fwd, bwd  func()
		available bool
	}{
		{"avx2", func() { geluAVX2(n/8, &x[0], &y[0], &cdf[0]) }, func() { geluGradAVX2(n/8, &x[0], &cdf[0], &dy[0], &dx[0]) }, true},
		{"avx512", func() { gelu512(n/16, &x[0], &y[0], &cdf[0]) }, func() { geluGrad512(n/16, &x[0], &cdf[0], &dy[0], &dx[0]) }, vec512},
	}
	for _, k := range kinds {
		if !k.available {
			continue
		}
		b.Run("forward/"+k.name, func(b *testing.B) {
			for b.Loop() {
				k.fwd()
			}
		})
		b.Run("backward/"+k.name, func(b *testing.B) {
			for b.Loop() {
				k.bwd()
			}
		})
	}
}

// AdamPrefix (16 lanes where the CPU has AVX-512, then a block of 8) gives
// the 8-lane kernel's bits in each decay mode, at lengths that leave a
// block of 8 and a tail.
func TestAdam512SameBitsAsAVX2(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	t.Logf("AVX2 %v, AVX-512 %v", vecAsm, vec512)
	for _, n := range []int{1001, 1000, 24, 16} {
		for mode := NoDecay; mode <= L2WD; mode++ {
			s := AdamStep{W1: 0.1, B2: 0.999, W2: 0.001, BC2Sqrt: 0.03, Eps: 1e-8, NegStep: -0.02, Shrink: 0.999, WD: 0.1, Mode: mode}
			w, g, m, v := make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)
			for i := range w {
				w[i], g[i], m[i], v[i] = float32(rng.NormFloat64()), float32(rng.NormFloat64()*1e-2), float32(rng.NormFloat64()*1e-3), float32(rng.Float64()*1e-4)
			}
			w8, g8, m8, v8 := append([]float32(nil), w...), append([]float32(nil), g...), append([]float32(nil), m...), append([]float32(nil), v...)
			got := AdamPrefix(w, g, m, v, &s)
			if !vecAsm {
				if got != 0 {
					t.Fatalf("prefix %d without AVX2", got)
				}
				continue
			}
			if got != n&^7 {
				t.Fatalf("n=%d: prefix %d, want %d", n, got, n&^7)
			}
			k := [8]float32{s.W1, s.B2, s.W2, s.BC2Sqrt, s.Eps, s.NegStep, s.Shrink, s.WD}
			adamAVX2(got/8, &w8[0], &g8[0], &m8[0], &v8[0], &k, int(mode))
			for i := range n {
				for _, p := range [][2]float32{{w[i], w8[i]}, {m[i], m8[i]}, {v[i], v8[i]}} {
					if math.Float32bits(p[0]) != math.Float32bits(p[1]) {
						t.Fatalf("n=%d mode %d: element %d: w, m, v = %v, %v, %v; 8 lanes %v, %v, %v", n, mode, i, w[i], m[i], v[i], w8[i], m8[i], v8[i])
					}
				}
			}
		}
	}
}

// BenchmarkAdam times one AdamW step over the default run's embedding
// (19,438 × 64) in 8 and, where the CPU has them, 16 lanes.
func BenchmarkAdam(b *testing.B) {
	const n = 19438 * 64
	w, g, m, v := make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)
	k := [8]float32{0.1, 0.999, 0.001, 0.03, 1e-8, -0.02, 0.999, 0.1}
	if !vecAsm {
		b.Skip("no AVX2: the update runs in Go")
	}
	b.Run("avx2", func(b *testing.B) {
		for b.Loop() {
			adamAVX2(n/8, &w[0], &g[0], &m[0], &v[0], &k, int(DecoupledWD))
		}
	})
	if vec512 {
		b.Run("avx512", func(b *testing.B) {
			for b.Loop() {
				adam512(n/16, &w[0], &g[0], &m[0], &v[0], &k, int(DecoupledWD))
			}
		})
	}
}
