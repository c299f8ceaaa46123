package kernels

import "math"

// The assembly kernels are chosen by CPU feature, so one may be chosen on a
// CPU it was never run on (no AVX-512 machine ran kernAVX512 when it was
// written). Before a kernel is used it must reproduce the pure-Go kernel on
// a few small products, or the next kernel is taken.

// rejected names the kernels that failed the self-check, in order.
var rejected []string

// Rejected names the kernels this CPU supports that failed the start-up
// self-check and are not used; normally none.
func Rejected() []string {
	active()
	return append([]string(nil), rejected...)
}

// choose returns the first of ks that passes selfCheck (ks ends with
// goKernel, the reference, which is taken unchecked), recording the others.
func choose(ks []*microKernel) *microKernel {
	for _, k := range ks {
		if k == goKernel || selfCheck(k) {
			return k
		}
		rejected = append(rejected, k.name)
	}
	return goKernel
}

// checkShapes straddle tile edges (up to 14×32) and the depth block kc = 256,
// and stay small enough to run serially at start-up.
var checkShapes = [][3]int{{1, 1, 1}, {7, 17, 5}, {15, 33, 9}, {6, 9, 300}}

// narrowShapes straddle the narrow kernels' 16-row and 16-column edges at
// attention's depths.
var narrowShapes = [][3]int{{1, 1, 1}, {7, 5, 3}, {17, 20, 16}, {20, 16, 20}}

// selfCheck runs every check shape in all four transposes, with A read in
// place (alpha 1, beta 0), packed (alpha 1/2, beta 1) and with a bias row
// (sgemmBias, the first depth block's kernel calls reading it), with k and with
// goKernel, and compares the bits of all of C, the gaps between rows
// included; then the narrow kernels, where k has them (a fault in either
// rejects k). The operands are small multiples of 1/8, so every product and
// sum is exact in float32: a correct kernel matches whatever its order.
func selfCheck(k *microKernel) bool {
	for _, s := range checkShapes {
		m, n, d := s[0], s[1], s[2]
		for tr := 0; tr < 4; tr++ {
			aT, bT := tr&1 != 0, tr&2 != 0
			aRows, lda, bRows, ldb, ldc := m, d+1, d, n+2, n+3
			if aT {
				aRows, lda = d, m+1
			}
			if bT {
				bRows, ldb = n, d+2
			}
			a := dyadic(aRows*lda, 1)
			b := dyadic(bRows*ldb, 2)
			bias := dyadic(n, 4)
			for _, ab := range [][2]float32{{1, 0}, {0.5, 1}, {1, -1}} {
				want, got := dyadic(m*ldc, 3), dyadic(m*ldc, 3)
				var bs []float32 // beta -1 marks the bias form
				if ab[1] == -1 {
					bs = bias
				}
				sgemmBias(goKernel, aT, bT, m, n, d, ab[0], a, lda, b, ldb, ab[1], bs, want, ldc)
				sgemmBias(k, aT, bT, m, n, d, ab[0], a, lda, b, ldb, ab[1], bs, got, ldc)
				if !sameBits(got, want) {
					return false
				}
			}
		}
	}
	return k.narrow == nil || narrowCheck(k)
}

// narrowCheck compares k's narrow kernels with goKernel on narrowShapes,
// C added into, in all four transposes.
func narrowCheck(k *microKernel) bool {
	for _, s := range narrowShapes {
		m, n, d := s[0], s[1], s[2]
		for tr := 0; tr < 4; tr++ {
			aT, bT := tr&1 != 0, tr&2 != 0
			lda, ldb, ldc := max(m, d)+1, max(n, d)+2, n+3
			a, b := dyadic(max(m, d)*lda, 5), dyadic(max(n, d)*ldb, 6)
			want, got := dyadic(m*ldc, 7), dyadic(m*ldc, 7)
			smallSgemm(goKernel, aT, bT, m, n, d, a, lda, b, ldb, want, ldc)
			if !narrowSgemm(k, aT, bT, m, n, d, a, lda, b, ldb, got, ldc) || !sameBits(got, want) {
				return false
			}
		}
	}
	return true
}

// sameBits reports whether got holds want's bits, element by element.
func sameBits(got, want []float32) bool {
	for i := range want {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
			return false
		}
	}
	return true
}

// dyadic returns n values in {-1, -7/8, …, 1}, a fixed sequence per seed.
func dyadic(n int, seed uint32) []float32 {
	v := make([]float32, n)
	x := seed * 2654435761
	for i := range v {
		x = x*1664525 + 1013904223
		v[i] = float32(int(x>>24)%17-8) / 8
	}
	return v
}
