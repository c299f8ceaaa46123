package kernels

import "sync"

// GemmAdd adds op(A)·op(B) to C for row-major matrices with leading
// dimensions lda, ldb and ldc: op(A) is m×k (A itself k×m when aT), op(B)
// is k×n (n×k when bT). It serves the small products inside a loop that is
// already split over workers (attention's heads): float32 goes through the
// packed micro-kernels, float64 (the exact reference path) through a plain
// loop that sums each element in k order. Lengths are not checked beyond
// what slicing does.
func GemmAdd[T Float](aT, bT bool, m, n, k int, a []T, lda int, b []T, ldb int, c []T, ldc int) {
	if m == 0 || n == 0 || k == 0 {
		return
	}
	if a32, ok := any(a).([]float32); ok {
		b32, c32 := any(b).([]float32), any(c).([]float32)
		if !smallSgemm(active(), aT, bT, m, n, k, a32, lda, b32, ldb, c32, ldc) {
			sgemm(active(), aT, bT, m, n, k, 1, a32, lda, b32, ldb, 1, c32, ldc)
		}
		return
	}
	for i := range m {
		row := c[i*ldc:][:n]
		for j := range row {
			var s T
			for p := range k {
				ai, bi := i*lda+p, p*ldb+j
				if aT {
					ai = p*lda + i
				}
				if bT {
					bi = j*ldb + p
				}
				s += a[ai] * b[bi]
			}
			row[j] += s
		}
	}
}

// smallMax bounds the packed operands of smallSgemm (elements of op(B), and
// of an edge panel of A): attention's per-head products at d_k = 16 up to
// T = 128 fit.
const smallMax = 2048

// smallBuf is smallSgemm's scratch, reused: Go would zero a fresh one on
// every call, which costs more than a head's product.
type smallBuf struct {
	b, a [smallMax]float32
	tile [16 * 32]float32
}

var smallBufs = sync.Pool{New: func() any { return new(smallBuf) }}

// smallSgemm adds op(A)·op(B) to C for products small enough that sgemm's
// blocking, pooling and locking would cost more than the arithmetic (one
// attention head: 16×16×16 is 8 kFLOP). It runs on the calling goroutine;
// op(B)'s panels are read in place where they are whole rows of B (bs =
// ldb), packed into a reused buffer otherwise, and A is read in place but
// for an edge panel of fewer than mr rows; a kernel with narrow tiles takes
// them first (narrow.go). It reports false, doing nothing, when the operands
// do not fit its buffers.
func smallSgemm(kn *microKernel, aT, bT bool, m, n, k int, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) bool {
	if narrowSgemm(kn, aT, bT, m, n, k, a, lda, b, ldb, c, ldc) {
		return true
	}
	mr, nr := kn.mr, kn.nr
	if ceilDiv(n, nr)*nr*k > smallMax || mr*k > smallMax || mr*nr > 16*32 {
		return false
	}
	buf := smallBufs.Get().(*smallBuf)
	defer smallBufs.Put(buf)
	bbuf, abuf, tile := buf.b[:], buf.a[:], buf.tile[:]
	for j0 := 0; j0 < n; j0 += nr {
		cols := min(nr, n-j0)
		bpan, bs := b[j0:], ldb
		if bT || cols < nr {
			bpan, bs = bbuf[:nr*k], nr
			if cols < nr {
				clear(bpan)
			}
			if bT { // column j of op(B) is row j0+j of B
				transpose(cols, k, b[j0*ldb:], ldb, bpan, nr)
			} else {
				for p := range k {
					copy(bpan[p*nr:p*nr+cols], b[p*ldb+j0:])
				}
			}
		}
		for i0 := 0; i0 < m; i0 += mr {
			rows := min(mr, m-i0)
			var apan []float32
			var rs, ps int
			switch {
			case rows < mr:
			case aT:
				apan, rs, ps = a[i0:], 1, lda
			default:
				apan, rs, ps = a[i0*lda:], lda, 1
			}
			if rows < mr {
				// An edge panel: reading mr rows in place would run past
				// A (or into another worker's rows), so its rows are
				// copied out, zero-padded to mr.
				if aT {
					apan, rs, ps = abuf[:mr*k], 1, mr
					for p := range k {
						copy(apan[p*mr:p*mr+rows], a[p*lda+i0:])
						clear(apan[p*mr+rows : p*mr+mr])
					}
				} else {
					apan, rs, ps = abuf[:mr*k], k, 1
					for r := range rows {
						copy(apan[r*k:r*k+k], a[(i0+r)*lda:])
					}
					clear(apan[rows*k:])
				}
			}
			if rows == mr && cols == nr {
				kn.run(k, apan, rs, ps, bpan, bs, c[i0*ldc+j0:], ldc, c[i0*ldc+j0:], ldc)
				continue
			}
			t := tile[:mr*nr]
			clear(t)
			kn.run(k, apan, rs, ps, bpan, bs, t, nr, t, nr)
			for r := range rows {
				cr := c[(i0+r)*ldc+j0:][:cols]
				for x, v := range t[r*nr : r*nr+cols] {
					cr[x] += v
				}
			}
		}
	}
	return true
}

// transpose sets dst[c·ldd + r] = src[r·lds + c] for r < rows, c < cols:
// 8×8 blocks in AVX2 assembly where the CPU has it, the edges in Go.
func transpose(rows, cols int, src []float32, lds int, dst []float32, ldd int) {
	r8, c8 := 0, 0
	if vecAsm && rows >= 8 && cols >= 8 {
		r8, c8 = rows&^7, cols&^7
		if (r8-1)*lds+c8 > len(src) || (c8-1)*ldd+r8 > len(dst) {
			panic("kernels: transpose: block does not fit")
		}
		transposeAVX2(r8/8, c8/8, &src[0], lds, &dst[0], ldd)
	}
	for r := range rows {
		c0 := 0
		if r < r8 {
			c0 = c8
		}
		for c, v := range src[r*lds+c0 : r*lds+cols] {
			dst[(c0+c)*ldd+r] = v
		}
	}
}
