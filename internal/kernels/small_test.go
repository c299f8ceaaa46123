package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// GemmAdd (float32 through smallSgemm or sgemm, float64 through its loop)
// against a float64 triple loop, on odd shapes, the attention heads'
// shapes and beyond smallMax, in all four transposes, with leading
// dimensions wider than the matrices and C accumulated into.
func TestGemmAdd(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, s := range [][3]int{{1, 1, 1}, {7, 13, 5}, {16, 16, 16}, {20, 20, 16}, {64, 16, 64}, {64, 64, 16}, {5, 40, 70}, {130, 20, 33}} {
		m, n, k := s[0], s[1], s[2]
		for tr := range 4 {
			aT, bT := tr&1 != 0, tr&2 != 0
			t.Run(fmt.Sprintf("%dx%dx%d_tA%v_tB%v", m, n, k, aT, bT), func(t *testing.T) {
				aRows, aCols, bRows, bCols := m, k, k, n
				if aT {
					aRows, aCols = k, m
				}
				if bT {
					bRows, bCols = n, k
				}
				lda, ldb, ldc := aCols+3, bCols+1, n+2
				fill := func(size int) ([]float32, []float64) {
					v32, v64 := make([]float32, size), make([]float64, size)
					for i := range v32 {
						v32[i] = float32(rng.NormFloat64())
						v64[i] = float64(v32[i])
					}
					return v32, v64
				}
				a32, a64 := fill(aRows * lda)
				b32, b64 := fill(bRows * ldb)
				c32, c64 := fill(m * ldc)
				want := append([]float64(nil), c64...)
				for i := range m {
					for j := range n {
						var sum float64
						for p := range k {
							ai, bi := i*lda+p, p*ldb+j
							if aT {
								ai = p*lda + i
							}
							if bT {
								bi = j*ldb + p
							}
							sum += a64[ai] * b64[bi]
						}
						want[i*ldc+j] += sum
					}
				}
				GemmAdd(aT, bT, m, n, k, a32, lda, b32, ldb, c32, ldc)
				GemmAdd(aT, bT, m, n, k, a64, lda, b64, ldb, c64, ldc)
				for i := range want {
					if d := math.Abs(float64(c32[i]) - want[i]); d > 1e-4*(1+math.Abs(want[i])) {
						t.Fatalf("float32: C[%d] = %v, want %v", i, c32[i], want[i])
					}
					if d := math.Abs(c64[i] - want[i]); d > 1e-12*(1+math.Abs(want[i])) {
						t.Fatalf("float64: C[%d] = %v, want %v", i, c64[i], want[i])
					}
				}
			})
		}
	}
}

// transpose against the definition, at sizes with and without 8×8 blocks
// and edges, with leading dimensions wider than the block.
func TestTranspose(t *testing.T) {
	for _, s := range [][2]int{{1, 1}, {3, 5}, {8, 8}, {16, 16}, {16, 20}, {20, 16}, {17, 9}, {64, 16}} {
		rows, cols := s[0], s[1]
		lds, ldd := cols+3, rows+2
		src := make([]float32, rows*lds)
		for i := range src {
			src[i] = float32(i)
		}
		dst := make([]float32, cols*ldd)
		for i := range dst {
			dst[i] = -1
		}
		transpose(rows, cols, src, lds, dst, ldd)
		for c := range cols {
			for r := range ldd {
				want := float32(-1)
				if r < rows {
					want = src[r*lds+c]
				}
				if got := dst[c*ldd+r]; got != want {
					t.Fatalf("%dx%d: dst[%d][%d] = %v, want %v", rows, cols, c, r, got, want)
				}
			}
		}
	}
}
