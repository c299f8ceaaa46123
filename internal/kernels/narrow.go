package kernels

import "math/bits"

// narrowRows and narrowCols bound one call of a narrow kernel: a register
// a row of C, 16 lanes a register.
const narrowRows, narrowCols = 16, 16

// narrowMaxN is the widest product narrowSgemm takes: attention's T × T
// scores up to T = 32 and its T × d_k products at d_k = 16. Wider ones
// fill the main kernel's 14×32 tile with little padding (at T = 64 and 128
// either path takes the same time).
const narrowMaxN = 32

// narrowSgemm adds op(A)·op(B) to C with kn's narrow kernel, in tiles of up
// to 16×16 read and written in place (only a transposed B is packed), so a
// 20 × 20 head costs 20 × 20 multiply-adds a k step rather than two padded
// 14×32 tiles and an edge copy. Each element is summed as by kn.run, so the
// bits are the same. It reports false, doing nothing, when kn has no
// narrow kernel, the product is too wide, or k is deeper than a packed B
// panel holds (k ≤ 128: well inside sgemm's one depth block, kc = 256, so
// the paths a product may take elsewhere sum it in the same single pass).
func narrowSgemm(kn *microKernel, aT, bT bool, m, n, k int, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) bool {
	if kn.narrow == nil || n > narrowMaxN || narrowCols*k > smallMax {
		return false
	}
	rs, ps := lda, 1
	if aT {
		rs, ps = 1, lda
	}
	var buf *smallBuf
	if bT {
		buf = smallBufs.Get().(*smallBuf)
		defer smallBufs.Put(buf)
	}
	for j0 := 0; j0 < n; j0 += narrowCols {
		cols := min(narrowCols, n-j0)
		bpan, bs := b[j0:], ldb
		if bT { // column j of op(B) is row j0+j of B
			bpan, bs = buf.b[:narrowCols*k], narrowCols
			transpose(cols, k, b[j0*ldb:], ldb, bpan, narrowCols)
		}
		mask := uint16(1<<cols - 1)
		for i0 := 0; i0 < m; i0 += narrowRows {
			kn.narrow(min(narrowRows, m-i0), k, a[i0*rs:], rs, ps, bpan, bs, c[i0*ldc+j0:], ldc, mask)
		}
	}
	return true
}

// checkNarrow panics unless every element a narrow kernel reads or writes
// lies inside its slices: assembly does not check.
func checkNarrow(rows, k, lenA, rs, ps, lenB, bs, lenC, ldc int, mask uint16) {
	cols := bits.Len16(mask)
	if rows < 1 || rows > narrowRows || k < 1 || cols == 0 ||
		(rows-1)*rs+(k-1)*ps >= lenA || (k-1)*bs+cols > lenB || (rows-1)*ldc+cols > lenC {
		panic("kernels: narrow kernel: operands do not fit")
	}
}
