package kernels

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
