package kernels

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestNarrowSameBits: the narrow kernels (AVX-512's masked 16-lane tiles)
// give the padded 14×32 and 6×16 tiles' bits on attention's per-head
// products, in all four transposes, with C added into and leading
// dimensions as a head reads them in place (3·D apart), at row and column
// counts that leave partial tiles. On a CPU without them there is nothing
// to compare, and smallSgemm never takes the narrow path.
func TestNarrowSameBits(t *testing.T) {
	var asm []*microKernel
	for _, k := range supported() {
		if k.name != "go" {
			asm = append(asm, k)
		}
	}
	narrow := 0
	for _, k := range asm {
		if k.narrow != nil {
			narrow++
		}
	}
	t.Logf("assembly kernels here: %d, with narrow tiles: %d", len(asm), narrow)
	rng := rand.New(rand.NewPCG(3, 4))
	for _, s := range [][3]int{{1, 1, 1}, {16, 16, 16}, {20, 20, 16}, {20, 16, 20}, {7, 5, 3}, {17, 31, 16}, {32, 32, 16}, {33, 16, 33}, {128, 16, 128}, {5, 40, 9}} {
		m, n, k := s[0], s[1], s[2]
		for tr := range 4 {
			aT, bT := tr&1 != 0, tr&2 != 0
			t.Run(fmt.Sprintf("%dx%dx%d_tA%v_tB%v", m, n, k, aT, bT), func(t *testing.T) {
				lda, ldb, ldc := 192, 192, n+5
				fill := func(size int) []float32 {
					v := make([]float32, size)
					for i := range v {
						v[i] = float32(rng.NormFloat64())
					}
					return v
				}
				a, b, c0 := fill(max(m, k)*lda), fill(max(n, k)*ldb), fill(m*ldc)
				var want []float32
				for _, kern := range asm {
					for _, useNarrow := range []bool{false, true} {
						if useNarrow && kern.narrow == nil {
							continue
						}
						kn := *kern
						if !useNarrow {
							kn.narrow = nil
						}
						c := append([]float32(nil), c0...)
						if !smallSgemm(&kn, aT, bT, m, n, k, a, lda, b, ldb, c, ldc) { // as GemmAdd
							sgemm(&kn, aT, bT, m, n, k, 1, a, lda, b, ldb, 1, c, ldc)
						}
						if want == nil {
							want = c
							continue
						}
						for j := range c {
							if c[j] != want[j] {
								t.Fatalf("%s (narrow %v): C[%d] = %v, want %v", kern.name, useNarrow, j, c[j], want[j])
							}
						}
					}
				}
			})
		}
	}
}

// checkNarrow refuses what would read or write outside the slices.
func TestCheckNarrowRefuses(t *testing.T) {
	for _, tt := range []struct {
		name                                       string
		rows, k, lenA, rs, ps, lenB, bs, lenC, ldc int
		mask                                       uint16
		ok                                         bool
	}{
		// rows 2, k 3: A's last element is 1·10 + 2·1, B's 2·16 + 15, C's 1·20 + 15.
		{"fits", 2, 3, 13, 10, 1, 48, 16, 36, 20, 0xffff, true},
		{"A one short", 2, 3, 12, 10, 1, 48, 16, 36, 20, 0xffff, false},
		{"B one short", 2, 3, 13, 10, 1, 47, 16, 36, 20, 0xffff, false},
		{"C one short", 2, 3, 13, 10, 1, 48, 16, 35, 20, 0xffff, false},
		{"C fits four columns", 2, 3, 13, 10, 1, 48, 16, 24, 20, 0xf, true},
		{"no columns", 2, 3, 13, 10, 1, 48, 16, 36, 20, 0, false},
		{"too many rows", 17, 1, 1000, 10, 1, 48, 16, 1000, 20, 1, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if r := recover(); (r == nil) != tt.ok {
					t.Errorf("panic %v, want ok %v", r, tt.ok)
				}
			}()
			checkNarrow(tt.rows, tt.k, tt.lenA, tt.rs, tt.ps, tt.lenB, tt.bs, tt.lenC, tt.ldc, tt.mask)
		})
	}
}
