package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"gonum.org/v1/gonum/blas"
)

// gemmCase is one Sgemm call; pad adds unused columns to every leading
// dimension, filled with NaN in A and B so that a kernel reading them fails.
type gemmCase struct {
	m, n, k     int
	aT, bT      bool
	alpha, beta float32
	pad         int
}

func (tc gemmCase) String() string {
	return fmt.Sprintf("%dx%dx%d_tA%v_tB%v_a%g_b%g_pad%d", tc.m, tc.n, tc.k, tc.aT, tc.bT, tc.alpha, tc.beta, tc.pad)
}

// operands returns random A, B and C with their leading dimensions.
func (tc gemmCase) operands(seed uint64) (a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
	rng := rand.New(rand.NewPCG(seed, 7))
	fill := func(rows, cols int) ([]float32, int) {
		ld := cols + tc.pad
		x := make([]float32, max(0, (rows-1)*ld+cols))
		for i := range x {
			if i%ld < cols {
				x[i] = float32(rng.NormFloat64())
			} else {
				x[i] = float32(math.NaN())
			}
		}
		return x, max(ld, 1)
	}
	if tc.aT {
		a, lda = fill(tc.k, tc.m)
	} else {
		a, lda = fill(tc.m, tc.k)
	}
	if tc.bT {
		b, ldb = fill(tc.n, tc.k)
	} else {
		b, ldb = fill(tc.k, tc.n)
	}
	c, ldc = fill(tc.m, tc.n)
	for i := range c {
		if i%ldc < tc.n && tc.beta == 0 {
			c[i] = float32(math.NaN()) // beta == 0 must ignore C
		} else if i%ldc >= tc.n {
			c[i] = 12345 // must stay untouched
		}
	}
	return a, lda, b, ldb, c, ldc
}

// naive is the triple loop in float64; it also returns each element's error bound.
func naive(tc gemmCase, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) (want, tol []float64) {
	want, tol = make([]float64, len(c)), make([]float64, len(c))
	for i := range tc.m {
		for j := range tc.n {
			var sum, abs float64
			for p := range tc.k {
				ai, bi := i*lda+p, p*ldb+j
				if tc.aT {
					ai = p*lda + i
				}
				if tc.bT {
					bi = j*ldb + p
				}
				av, bv := float64(a[ai]), float64(b[bi])
				sum += av * bv
				abs += math.Abs(av * bv)
			}
			x := float64(tc.alpha) * sum
			bound := math.Abs(float64(tc.alpha)) * abs
			if tc.beta != 0 {
				x += float64(tc.beta) * float64(c[i*ldc+j])
				bound += math.Abs(float64(tc.beta) * float64(c[i*ldc+j]))
			}
			want[i*ldc+j], tol[i*ldc+j] = x, 2e-7*float64(tc.k+3)*bound+1e-30
		}
	}
	return want, tol
}

func checkCase(t *testing.T, kern *microKernel, tc gemmCase, seed uint64) {
	t.Helper()
	a, lda, b, ldb, c, ldc := tc.operands(seed)
	want, tol := naive(tc, a, lda, b, ldb, c, ldc)
	sgemm(kern, tc.aT, tc.bT, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, c, ldc)
	for i, got := range c {
		if i%ldc >= tc.n {
			if got != 12345 {
				t.Fatalf("%s %v: padding element %d written: %v", kern.name, tc, i, got)
			}
			continue
		}
		if d := math.Abs(float64(got) - want[i]); !(d <= tol[i]) {
			t.Fatalf("%s %v: C[%d,%d] = %v, want %v (tolerance %.3g)", kern.name, tc, i/ldc, i%ldc, got, want[i], tol[i])
		}
	}
}

// oddShapes straddle every kernel's tile and block edges.
var oddShapes = [][3]int{
	{1, 1, 1}, {7, 13, 5}, {1, 50, 1}, {50, 1, 1}, {1, 1, 300}, {5, 7, 0},
	{6, 16, 8}, {14, 32, 9}, {13, 31, 17}, {15, 33, 3}, {33, 17, 260},
}

// bigShapes cross the depth and task blocks and run in parallel.
var bigShapes = [][3]int{{97, 129, 257}, {113, 130, 513}, {200, 300, 64}}

func TestSgemmMatchesNaive(t *testing.T) {
	for _, kern := range supported() {
		for _, s := range oddShapes {
			for _, tr := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
				for _, ab := range [][2]float32{{1, 0}, {1, 1}, {-0.5, 2}, {2, -1}, {0, 0.5}} {
					for _, pad := range []int{0, 3} {
						tc := gemmCase{m: s[0], n: s[1], k: s[2], aT: tr[0], bT: tr[1], alpha: ab[0], beta: ab[1], pad: pad}
						checkCase(t, kern, tc, uint64(s[0]*1000+s[1]))
					}
				}
			}
		}
		for _, s := range bigShapes {
			for _, tr := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
				tc := gemmCase{m: s[0], n: s[1], k: s[2], aT: tr[0], bT: tr[1], alpha: -0.5, beta: 2, pad: 3}
				checkCase(t, kern, tc, 9)
			}
		}
	}
}

// TestHelpersPark checks that idle helpers stop spinning and wait.
func TestHelpersPark(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	tc := gemmCase{m: 200, n: 300, k: 64, alpha: 1}
	a, lda, b, ldb, c, ldc := tc.operands(1)
	sgemm(active(), false, false, tc.m, tc.n, tc.k, 1, a, lda, b, ldb, 0, c, ldc)
	deadline := time.Now().Add(5 * time.Second)
	for {
		workers.busy.Lock()
		started := workers.started
		workers.busy.Unlock()
		workers.park.Lock()
		parked := workers.parked
		workers.park.Unlock()
		if started > 0 && parked == started {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d helpers parked 5 s after the last product", parked, started)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestSgemmViaBLAS(t *testing.T) {
	// 2×3 · 3×2 by hand, with A transposed in storage.
	a := []float32{1, 4, 2, 5, 3, 6} // A^T stored 3×2
	b := []float32{1, 2, 3, 4, 5, 6}
	c := []float32{float32(math.NaN()), 0, 0, 0}
	Implementation{}.Sgemm(blas.Trans, blas.NoTrans, 2, 2, 3, 1, a, 2, b, 2, 0, c, 2)
	if want := []float32{22, 28, 49, 64}; fmt.Sprint(c) != fmt.Sprint(want) {
		t.Fatalf("C = %v, want %v", c, want)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("short C did not panic")
		}
	}()
	Implementation{}.Sgemm(blas.NoTrans, blas.NoTrans, 2, 2, 3, 1, a, 3, b, 2, 0, c[:3], 2)
}

// TestSgemmSameBitsAnyWorkers checks that the result does not depend on how
// many workers share the product.
func TestSgemmSameBitsAnyWorkers(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, kern := range supported() {
		for _, tc := range []gemmCase{
			{m: 512, n: 192, k: 64, alpha: 1, beta: 1},
			{m: 64, n: 192, k: 512, aT: true, alpha: 1, beta: 1},
			{m: 512, n: 64, k: 256, bT: true, alpha: -0.5, beta: 0},
			{m: 300, n: 301, k: 600, aT: true, bT: true, alpha: 2, beta: 1, pad: 3},
		} {
			var results [][]float32
			for _, procs := range []int{1, 2, 3} {
				runtime.GOMAXPROCS(procs)
				a, lda, b, ldb, c, ldc := tc.operands(1)
				sgemm(kern, tc.aT, tc.bT, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, c, ldc)
				results = append(results, c)
			}
			for p, r := range results[1:] {
				for i := range r {
					if math.Float32bits(r[i]) != math.Float32bits(results[0][i]) {
						t.Fatalf("%s %v: element %d differs at %d workers: %v vs %v", kern.name, tc, i, p+2, r[i], results[0][i])
					}
				}
			}
		}
	}
}

func FuzzSgemm(f *testing.F) {
	f.Add(uint8(7), uint8(13), uint8(5), uint8(0), float32(1), float32(0), uint64(1))
	f.Fuzz(func(t *testing.T, m, n, k, flags uint8, alpha, beta float32, seed uint64) {
		if math.IsNaN(float64(alpha)) || math.IsInf(float64(alpha), 0) || math.Abs(float64(alpha)) > 1e3 ||
			math.IsNaN(float64(beta)) || math.IsInf(float64(beta), 0) || math.Abs(float64(beta)) > 1e3 {
			t.Skip()
		}
		tc := gemmCase{m: int(m%70) + 1, n: int(n%70) + 1, k: int(k) % 300, aT: flags&1 != 0, bT: flags&2 != 0,
			alpha: alpha, beta: beta, pad: int(flags>>2) % 4}
		for _, kern := range supported() {
			checkCase(t, kern, tc, seed)
		}
	})
}

func blasT(t bool) blas.Transpose {
	if t {
		return blas.Trans
	}
	return blas.NoTrans
}

// SgemmBias has the bits of filling every row of C with the bias and calling
// Sgemm with alpha = beta = 1 (what Linear did), on random values at shapes
// with edge tiles, a product deeper than one depth block, a single row or
// column, no depth, and every transpose.
func TestSgemmBiasSameBitsAsFill(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	fill := func(n int) []float32 {
		v := make([]float32, n)
		for i := range v {
			v[i] = float32(rng.NormFloat64())
		}
		return v
	}
	for _, s := range [][3]int{{640, 192, 64}, {20, 64, 256}, {37, 45, 300}, {1, 30, 20}, {30, 1, 20}, {15, 33, 0}, {112, 256, 64}} {
		m, n, k := s[0], s[1], s[2]
		for tr := 0; tr < 4; tr++ {
			tA, tB := blas.NoTrans, blas.NoTrans
			lda, ldb, ldc := max(k, 1)+1, n+2, n+3
			if tr&1 != 0 {
				tA, lda = blas.Trans, m+1
			}
			if tr&2 != 0 {
				tB, ldb = blas.Trans, max(k, 1)+2
			}
			a, b, bias := fill(max(m, k)*lda+lda), fill(max(n, k)*ldb+ldb), fill(n)
			c0 := fill(m * ldc)
			check := func(name string, bySgemm, byBias func(c []float32)) {
				want, got := slices.Clone(c0), slices.Clone(c0)
				for i := range m {
					copy(want[i*ldc:i*ldc+n], bias)
				}
				bySgemm(want)
				byBias(got)
				for i := range want {
					if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
						t.Fatalf("%s %d×%d×%d transposes %d: C[%d] = %v, filled and added %v", name, m, n, k, tr, i, got[i], want[i])
					}
				}
			}
			check("SgemmBias", func(c []float32) { Implementation{}.Sgemm(tA, tB, m, n, k, 1, a, lda, b, ldb, 1, c, ldc) },
				func(c []float32) { SgemmBias(tA, tB, m, n, k, a, lda, b, ldb, bias, c, ldc) })
			if min(m, n, k) == 0 || min(m, n) == 1 {
				continue // SgemmBias fills C then: no kernel reads the bias
			}
			for _, kern := range supported() {
				check(kern.name, func(c []float32) { sgemm(kern, tr&1 != 0, tr&2 != 0, m, n, k, 1, a, lda, b, ldb, 1, c, ldc) },
					func(c []float32) { sgemmBias(kern, tr&1 != 0, tr&2 != 0, m, n, k, 1, a, lda, b, ldb, 1, bias, c, ldc) })
			}
		}
	}
}

// TestAsmKernelsSameBits: the AVX-512 and AVX2 micro-kernels sum each
// element's products in the same order with fused multiply-adds, so a run
// has the same bits on a CPU with AVX-512 as on one without. (The pure-Go
// kernel multiplies, then adds: its bits differ, see docs/performance.md.)
// On a CPU with one assembly kernel there is no pair to compare.
func TestAsmKernelsSameBits(t *testing.T) {
	var asm []*microKernel
	for _, k := range supported() {
		if k.name != "go" {
			asm = append(asm, k)
		}
	}
	t.Logf("assembly kernels here: %d", len(asm))
	rng := rand.New(rand.NewPCG(1, 2))
	// The step's products (512 rows), one sentence's (20), the masked-LM
	// head's width, and a depth past one block (kc = 256).
	for _, s := range [][3]int{{512, 192, 64}, {512, 64, 256}, {64, 192, 512}, {20, 192, 64}, {97, 1000, 64}, {300, 300, 300}} {
		m, n, k := s[0], s[1], s[2]
		a, b := make([]float32, m*k), make([]float32, k*n)
		for i := range a {
			a[i] = float32(rng.NormFloat64())
		}
		for i := range b {
			b[i] = float32(rng.NormFloat64())
		}
		var want []float32
		for i, kern := range asm {
			c := make([]float32, m*n)
			sgemm(kern, false, true, m, n, k, 1, a, k, b, k, 0, c, n)
			if i == 0 {
				want = c
				continue
			}
			for j := range c {
				if c[j] != want[j] {
					t.Fatalf("%v: %s gives %v at %d, %s %v", s, kern.name, c[j], j, asm[0].name, want[j])
				}
			}
		}
	}
}
