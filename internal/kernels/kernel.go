package kernels

import "sync"

// microKernel adds the product of an mr-row panel of A, element (r, p) at
// a[r·rs + p·ps], and an nr-column panel of B, k deep, nr values per depth
// step bs apart (bs = nr when packed, ldb when read in place), to an mr×nr
// tile of C whose rows are ldc apart. A is read in place where it can be
// (rs, ps = lda, 1, or 1, lda transposed) and packed otherwise (1, mr).
// Each element is summed from zero in k order, then added to C once, so a
// tile computed into a scratch tile and added later gives the same bits.
type microKernel struct {
	name   string
	mr, nr int // tile of C held in registers
	mc, kc int // rows of A and depth packed at a time (mc a multiple of mr)
	nc     int // columns of C per parallel task (a multiple of nr)
	// run writes S + the product into the tile of C: S is C itself (ldc,
	// adding to C) or a bias row (lds = 0, writing bias + product).
	run func(k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, s []float32, lds int)
	// narrow, where the CPU has masked loads, adds a rows × ≤16 product to
	// C (the columns mask names) without packing or edge copies: the
	// small products of attention's heads (narrow.go).
	narrow func(rows, k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, mask uint16)
}

// goKernel is the portable kernel: a 4×4 tile in scalar registers.
var goKernel = &microKernel{name: "go", mr: 4, nr: 4, mc: 64, kc: 256, nc: 128, run: kernGo}

// active is the kernel Sgemm uses: the fastest this CPU supports that
// passes the self-check (selfcheck.go), chosen on first use so that a
// program that multiplies nothing pays nothing.
var active = sync.OnceValue(func() *microKernel { return choose(supported()) })

func kernGo(k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, s []float32, lds int) {
	// Four rows by four columns: 16 accumulators, each row's products
	// consumed as soon as they are made, so the compiler keeps them in registers.
	var c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33 float32
	for p := 0; p < k; p++ {
		bb := b[p*bs : p*bs+4 : p*bs+4]
		b0, b1, b2, b3 := bb[0], bb[1], bb[2], bb[3]
		x := p * ps
		a0 := a[x]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		a1 := a[x+rs]
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
		a2 := a[x+2*rs]
		c20 += a2 * b0
		c21 += a2 * b1
		c22 += a2 * b2
		c23 += a2 * b3
		a3 := a[x+3*rs]
		c30 += a3 * b0
		c31 += a3 * b1
		c32 += a3 * b2
		c33 += a3 * b3
	}
	for i, row := range [4][4]float32{{c00, c01, c02, c03}, {c10, c11, c12, c13}, {c20, c21, c22, c23}, {c30, c31, c32, c33}} {
		sr := s[i*lds : i*lds+4 : i*lds+4]
		cr := c[i*ldc : i*ldc+4 : i*ldc+4]
		cr[0], cr[1], cr[2], cr[3] = sr[0]+row[0], sr[1]+row[1], sr[2]+row[2], sr[3]+row[3]
	}
}
