package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// SoftmaxRows against a float64 softmax, at lengths with and without a
// tail, with no, some, alternating and all keys padded; the element after
// the rows must stay untouched.
func TestSoftmaxRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pads := map[string]func(j, n int) bool{
		"none":     func(j, n int) bool { return false },
		"trailing": func(j, n int) bool { return j >= n-3 },
		"odd":      func(j, n int) bool { return j%2 == 1 },
		"all":      func(j, n int) bool { return true },
	}
	for _, n := range []int{1, 5, 8, 13, 16, 20, 33, 64} {
		for name, isPad := range pads {
			const rows = 3
			pad := make([]float32, n)
			for j := range pad {
				if isPad(j, n) {
					pad[j] = 1
				}
			}
			buf := make([]float32, rows*n+1)
			for i := range buf {
				buf[i] = float32(rng.NormFloat64() * 4)
			}
			in := append([]float32(nil), buf...)
			const scale = 0.25
			SoftmaxRows(buf[:rows*n], n, float32(scale), pad)
			if buf[rows*n] != in[rows*n] {
				t.Fatalf("n=%d pad=%s: wrote past the rows", n, name)
			}
			for r := range rows {
				want := make([]float64, n)
				maxv, sum := math.Inf(-1), 0.0
				for j := range n {
					if pad[j] == 0 {
						maxv = math.Max(maxv, scale*float64(in[r*n+j]))
					}
				}
				for j := range n {
					if pad[j] == 0 {
						want[j] = math.Exp(scale*float64(in[r*n+j]) - maxv)
						sum += want[j]
					}
				}
				for j := range n {
					if sum > 0 {
						want[j] /= sum
					}
					if got := float64(buf[r*n+j]); math.Abs(got-want[j]) > 1e-6 {
						t.Fatalf("n=%d pad=%s row %d key %d: %v, want %v", n, name, r, j, got, want[j])
					}
				}
			}
		}
	}
}

// SoftmaxGradRows against float64 arithmetic, with zero probabilities (whose
// gradients must be ignored, even when infinite) and tails.
func TestSoftmaxGradRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 7, 8, 13, 16, 20, 64} {
		const rows, scale = 3, 0.5
		p, dp := make([]float32, rows*n), make([]float32, rows*n+1)
		for i := range p {
			p[i] = rng.Float32()
			dp[i] = float32(rng.NormFloat64())
			if i%5 == 2 {
				p[i], dp[i] = 0, float32(math.Inf(1))
			}
		}
		dp[rows*n] = 42
		in := append([]float32(nil), dp...)
		SoftmaxGradRows(p, dp[:rows*n], n, float32(scale))
		if dp[rows*n] != 42 {
			t.Fatalf("n=%d: wrote past the rows", n)
		}
		for r := range rows {
			var dot float64
			for j := range n {
				if p[r*n+j] != 0 {
					dot += float64(in[r*n+j]) * float64(p[r*n+j])
				}
			}
			for j := range n {
				i := r*n + j
				want := 0.0
				if p[i] != 0 {
					want = float64(p[i]) * (float64(in[i]) - dot) * scale
				}
				if got := float64(dp[i]); math.Abs(got-want) > 1e-5*(1+math.Abs(want)) {
					t.Fatalf("n=%d row %d key %d: %v, want %v", n, r, j, got, want)
				}
			}
		}
	}
}

// A row's tail (n%8 keys) must give the bits of the same row in a whole
// block of 8 whose extra keys are padding: the tail's lanes are the block's
// first lanes, and padding adds zeros to the sums. Both kernels, every n%8.
func TestSoftmaxTailSameBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for n := 1; n <= 33; n++ {
		const rows = 4
		w := (n + 7) &^ 7
		p, pw := make([]float32, rows*n), make([]float32, rows*w)
		dp, dpw := make([]float32, rows*n), make([]float32, rows*w)
		pad, padw := make([]float32, n), make([]float32, w)
		for j := range padw {
			if j >= n || j%5 == 3 {
				padw[j] = 1
			}
		}
		copy(pad, padw)
		for r := range rows {
			for j := range w {
				pw[r*w+j] = float32(rng.NormFloat64() * 4)
				dpw[r*w+j] = float32(rng.NormFloat64())
			}
			copy(p[r*n:][:n], pw[r*w:])
			copy(dp[r*n:][:n], dpw[r*w:])
		}
		SoftmaxRows(p, n, 0.25, pad)
		SoftmaxRows(pw, w, 0.25, padw)
		SoftmaxGradRows(p, dp, n, 0.25)
		SoftmaxGradRows(pw, dpw, w, 0.25)
		for r := range rows {
			for j := range n {
				i, iw := r*n+j, r*w+j
				if math.Float32bits(p[i]) != math.Float32bits(pw[iw]) || math.Float32bits(dp[i]) != math.Float32bits(dpw[iw]) {
					t.Fatalf("n=%d row %d key %d: p %v dp %v, in a block of %d %v %v", n, r, j, p[i], dp[i], w, pw[iw], dpw[iw])
				}
			}
		}
	}
}

// BenchmarkSoftmaxRows times attention's rows of scores, with and without a
// tail (n%8 keys): a tail's row should cost about its share of a block.
func BenchmarkSoftmaxRows(b *testing.B) {
	for _, n := range []int{16, 20, 24} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			src, p, pad := make([]float32, 2560*n), make([]float32, 2560*n), make([]float32, n)
			pad[n-1] = 1
			for i := range src {
				src[i] = float32(i%7) * 0.1
			}
			for b.Loop() {
				copy(p, src)
				SoftmaxRows(p, n, 0.25, pad)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(p)), "ns/key")
		})
	}
}
