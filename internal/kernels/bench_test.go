package kernels

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/blas/gonum"
)

// stepShapes are the products of one training step at the reference shape
// (B32 T16 D64 F256 V300: 512 tokens), as m×n×k with op(A) and op(B)
// transposed as gorgonia calls them; per-head attention products are 16×16×16.
var stepShapes = []gemmCase{
	{m: 512, n: 192, k: 64},           // QKV projection
	{m: 512, n: 256, k: 64},           // FF up
	{m: 512, n: 64, k: 256, bT: true}, // FF down, input gradient
	{m: 512, n: 300, k: 64},           // MLM head
	{m: 64, n: 256, k: 512, aT: true}, // FF up, weight gradient
	{m: 64, n: 300, k: 512, aT: true}, // MLM head, weight gradient
	{m: 16, n: 16, k: 16, bT: true},   // attention scores, per head
	{m: 512, n: 64, k: 1},             // bias broadcast
	{m: 1, n: 64, k: 512, aT: true},   // bias gradient
	{m: 512, n: 1, k: 64, bT: true},   // matrix-vector
}

func BenchmarkSgemm(b *testing.B) {
	for _, tc := range stepShapes {
		tc.alpha = 1
		a, lda, bb, ldb, c, ldc := tc.operands(1)
		flops := 2 * float64(tc.m*tc.n*tc.k)
		for _, kern := range supported() {
			b.Run(fmt.Sprintf("%dx%dx%d_tA%v_tB%v/%s", tc.m, tc.n, tc.k, tc.aT, tc.bT, kern.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sgemm(kern, tc.aT, tc.bT, tc.m, tc.n, tc.k, 1, a, lda, bb, ldb, 0, c, ldc)
				}
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
		b.Run(fmt.Sprintf("%dx%dx%d_tA%v_tB%v/gonum", tc.m, tc.n, tc.k, tc.aT, tc.bT), func(b *testing.B) {
			ta, tb := blasT(tc.aT), blasT(tc.bT)
			for b.Loop() {
				gonum.Implementation{}.Sgemm(ta, tb, tc.m, tc.n, tc.k, 1, a, lda, bb, ldb, 0, c, ldc)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
