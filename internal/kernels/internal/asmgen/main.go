// Command asmgen writes the amd64 GEMM micro-kernels of package kernels with
// avo. It lives in its own module so that avo is not a dependency of attend;
// run it through `go generate ./kernels/...` from the repository root.
package main

import (
	"fmt"

	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// tile describes one micro-kernel: an mr×nr tile of C held in registers,
// nr a whole number of vector registers of lanes float32 each.
type tile struct {
	name      string
	mr, nr    int
	lanes     int
	acc       func(i int) reg.VecPhysical // accumulator registers
	b         func(i int) reg.VecPhysical // rows of the packed B panel
	broadcast func(i int) reg.VecPhysical // broadcast elements of A
}

func main() {
	build.ConstraintExpr("!purego")
	kernel(tile{name: "kernAVX2", mr: 6, nr: 16, lanes: 8,
		acc:       func(i int) reg.VecPhysical { return ymm[i] },
		b:         func(i int) reg.VecPhysical { return ymm[12+i] },
		broadcast: func(i int) reg.VecPhysical { return ymm[14+i%2] },
	})
	kernel(tile{name: "kernAVX512", mr: 14, nr: 32, lanes: 16,
		acc:       func(i int) reg.VecPhysical { return zmm[i] },
		b:         func(i int) reg.VecPhysical { return zmm[28+i] },
		broadcast: func(i int) reg.VecPhysical { return zmm[30+i%2] },
	})
	narrowKernels()
	dotRows()
	axpyRows()
	addOuter()
	ex, ef := newExpCode(), newErfCode()
	expSub(ex)
	erf(ef)
	gelu(ef, ex)
	gelu512()
	rc := newRowConsts()
	softmax(ex, rc)
	softmaxGrad(rc)
	transpose()
	adam(8)
	adam(16)
	lnForward()
	lnBackward()
	lnParamGrad()
	sumSquares()
	scale()
	add()
	build.Generate()
}

var (
	ymm = []reg.VecPhysical{reg.Y0, reg.Y1, reg.Y2, reg.Y3, reg.Y4, reg.Y5, reg.Y6, reg.Y7,
		reg.Y8, reg.Y9, reg.Y10, reg.Y11, reg.Y12, reg.Y13, reg.Y14, reg.Y15}
	zmm = []reg.VecPhysical{reg.Z0, reg.Z1, reg.Z2, reg.Z3, reg.Z4, reg.Z5, reg.Z6, reg.Z7,
		reg.Z8, reg.Z9, reg.Z10, reg.Z11, reg.Z12, reg.Z13, reg.Z14, reg.Z15,
		reg.Z16, reg.Z17, reg.Z18, reg.Z19, reg.Z20, reg.Z21, reg.Z22, reg.Z23,
		reg.Z24, reg.Z25, reg.Z26, reg.Z27, reg.Z28, reg.Z29, reg.Z30, reg.Z31}
)

// kernel emits func name(k int, a *float32, rs, ps int, b *float32, bs int, c *float32, ldc int):
// C[mr×nr] += Â·B̂, where element (r, p) of Â is a[r·rs + p·ps] (a packed
// panel has rs = 1, ps = mr; rows of A read in place have rs = lda, ps = 1
// or, transposed, rs = 1, ps = lda), B̂ holds nr values per k step, bs apart
// (a packed panel has bs = nr; rows of B read in place have bs = ldb), and
// row i of C starts ldc elements after row i-1. Each element is
// summed from zero in k order by FMA, then added once to the matching element
// of S, whose rows are lds apart, and stored in C: S = C adds to C, and S a
// bias row with lds = 0 writes bias + product without a pass to fill C.
func kernel(t tile) {
	build.TEXT(t.name, build.NOSPLIT, "func(k int, a *float32, rs, ps int, b *float32, bs int, c *float32, ldc int, s *float32, lds int)")
	build.Doc(fmt.Sprintf("%s writes S plus the product of a %d-row panel of A and a packed %d-column panel of B, k deep, into C.", t.name, t.mr, t.nr))
	k, rs, ps, b, bs := panelArgs()
	// Row r of A is read at rows[r/3] + (r%3)·rs, rows[i] = a + 3i·rs.
	rs3 := build.GP64()
	build.LEAQ(operand.Mem{Base: rs, Index: rs, Scale: 2}, rs3)
	a := build.GP64()
	build.Load(build.Param("a"), a)
	rows := []reg.GPVirtual{a}
	for len(rows) < (t.mr+2)/3 {
		r := build.GP64()
		build.LEAQ(operand.Mem{Base: rows[len(rows)-1], Index: rs3, Scale: 1}, r)
		rows = append(rows, r)
	}
	aAt := func(r int) operand.Mem {
		m := operand.Mem{Base: rows[r/3]}
		if r%3 != 0 {
			m.Index, m.Scale = rs, uint8(r%3)
		}
		return m
	}

	vecs := t.nr / t.lanes
	for i := 0; i < t.mr*vecs; i++ {
		build.VXORPS(t.acc(i), t.acc(i), t.acc(i))
	}
	build.TESTQ(k, k)
	build.JZ(operand.LabelRef(t.name + "_store"))

	build.Label(t.name + "_loop")
	for v := 0; v < vecs; v++ {
		build.VMOVUPS(operand.Mem{Base: b, Disp: 4 * t.lanes * v}, t.b(v))
	}
	for r := 0; r < t.mr; r++ {
		build.VBROADCASTSS(aAt(r), t.broadcast(r))
		for v := 0; v < vecs; v++ {
			build.VFMADD231PS(t.b(v), t.broadcast(r), t.acc(r*vecs+v))
		}
	}
	for _, r := range rows {
		build.ADDQ(ps, r)
	}
	build.ADDQ(bs, b)
	build.DECQ(k)
	build.JNZ(operand.LabelRef(t.name + "_loop"))

	build.Label(t.name + "_store")
	c := build.Load(build.Param("c"), build.GP64())
	ldc := build.Load(build.Param("ldc"), build.GP64())
	build.SHLQ(operand.Imm(2), ldc)
	src := build.Load(build.Param("s"), build.GP64())
	lds := build.Load(build.Param("lds"), build.GP64())
	build.SHLQ(operand.Imm(2), lds)
	for r := 0; r < t.mr; r++ {
		for v := 0; v < vecs; v++ {
			build.VADDPS(operand.Mem{Base: src, Disp: 4 * t.lanes * v}, t.acc(r*vecs+v), t.acc(r*vecs+v))
			build.VMOVUPS(t.acc(r*vecs+v), operand.Mem{Base: c, Disp: 4 * t.lanes * v})
		}
		build.ADDQ(ldc, c)
		build.ADDQ(lds, src)
	}
	build.VZEROUPPER()
	build.RET()
}

// panelArgs loads a kernel's depth k, A's row and depth strides, B and its
// stride, the strides scaled to bytes.
func panelArgs() (k, rs, ps, b, bs reg.Register) {
	k = build.Load(build.Param("k"), build.GP64())
	rs = build.Load(build.Param("rs"), build.GP64())
	ps = build.Load(build.Param("ps"), build.GP64())
	b = build.Load(build.Param("b"), build.GP64())
	bs = build.Load(build.Param("bs"), build.GP64())
	for _, r := range []reg.Register{bs, rs, ps} {
		build.SHLQ(operand.Imm(2), r)
	}
	return k, rs, ps, b, bs
}

// loadPtrs loads the named integer or pointer parameters, in order, each
// into a register of its own.
func loadPtrs(names ...string) []reg.GPVirtual {
	rs := make([]reg.GPVirtual, len(names))
	for i, n := range names {
		rs[i] = build.Load(build.Param(n), build.GP64()).(reg.GPVirtual)
	}
	return rs
}
