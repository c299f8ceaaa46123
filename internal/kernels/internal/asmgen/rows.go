package main

import (
	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The row kernels below serve attention's per-head products: each works on
// `rows` rows of a matrix m whose rows start ld elements apart, n8 blocks of
// 8 float32 long. AVX2+FMA only; the Go wrappers check lengths.

// rowLoads returns the loaded n8, m, ld (in bytes), 3·ld and rows parameters.
func rowParams() (n8, m, ld, ld3, rows reg.GPVirtual) {
	n8 = build.Load(build.Param("n8"), build.GP64()).(reg.GPVirtual)
	m = build.Load(build.Param("m"), build.GP64()).(reg.GPVirtual)
	ld = build.Load(build.Param("ld"), build.GP64()).(reg.GPVirtual)
	build.SHLQ(operand.Imm(2), ld)
	ld3 = build.GP64()
	build.LEAQ(operand.Mem{Base: ld, Index: ld, Scale: 2}, ld3)
	rows = build.Load(build.Param("rows"), build.GP64()).(reg.GPVirtual)
	return
}

// rowAt addresses block off of row r (0..3) of a group starting at base.
func rowAt(base, off, ld, ld3 reg.GPVirtual, r int) operand.Mem {
	m := operand.Mem{Base: base, Index: off, Scale: 1}
	if r == 0 {
		return m
	}
	row := build.GP64()
	switch r {
	case 1:
		build.LEAQ(operand.Mem{Base: base, Index: ld, Scale: 1}, row)
	case 2:
		build.LEAQ(operand.Mem{Base: base, Index: ld, Scale: 2}, row)
	case 3:
		build.LEAQ(operand.Mem{Base: base, Index: ld3, Scale: 1}, row)
	}
	m.Base = row
	return m
}

// dotRows emits func dotRowsAVX2(n8 int, x, m *float32, ld int, out *float32, rows int):
// out[j] = Σ_i x[i]·m[j·ld+i]. Rows go four at a time, one accumulator each;
// a last row or three go one at a time through the same reduction.
func dotRows() {
	const name = "dotRowsAVX2"
	build.TEXT(name, build.NOSPLIT, "func(n8 int, x, m *float32, ld int, out *float32, rows int)")
	build.Doc(name + " sets out[j] to the dot product of x and row j of m, for rows rows of n8·8 elements, ld apart.")
	n8, m, ld, ld3, rows := rowParams()
	x := build.Load(build.Param("x"), build.GP64())
	out := build.Load(build.Param("out"), build.GP64())
	acc := []reg.VecPhysical{reg.Y0, reg.Y1, reg.Y2, reg.Y3}
	off, cnt := build.GP64(), build.GP64()
	reduce := func() {
		build.VHADDPS(reg.Y1, reg.Y0, reg.Y0)
		build.VHADDPS(reg.Y3, reg.Y2, reg.Y2)
		build.VHADDPS(reg.Y2, reg.Y0, reg.Y0)
		build.VEXTRACTF128(operand.Imm(1), reg.Y0, reg.X1)
		build.VADDPS(reg.X1, reg.X0, reg.X0)
	}
	group := func(label string, nrows int) {
		for _, a := range acc {
			build.VXORPS(a, a, a)
		}
		build.XORQ(off, off)
		build.MOVQ(n8, cnt)
		addr := make([]operand.Mem, nrows)
		for r := range addr {
			addr[r] = rowAt(m, off, ld, ld3, r)
		}
		build.Label(label)
		build.VMOVUPS(operand.Mem{Base: x, Index: off, Scale: 1}, reg.Y4)
		for r := range addr {
			build.VFMADD231PS(addr[r], reg.Y4, acc[r])
		}
		build.ADDQ(operand.Imm(32), off)
		build.DECQ(cnt)
		build.JNZ(operand.LabelRef(label))
		reduce()
	}
	build.Label(name + "_four")
	build.CMPQ(rows, operand.Imm(4))
	build.JL(operand.LabelRef(name + "_one"))
	group(name+"_four_loop", 4)
	build.VMOVUPS(reg.X0, operand.Mem{Base: out})
	build.ADDQ(operand.Imm(16), out)
	build.LEAQ(operand.Mem{Base: m, Index: ld, Scale: 4}, m)
	build.SUBQ(operand.Imm(4), rows)
	build.JMP(operand.LabelRef(name + "_four"))

	build.Label(name + "_one")
	build.TESTQ(rows, rows)
	build.JZ(operand.LabelRef(name + "_done"))
	group(name+"_one_loop", 1)
	build.VMOVSS(reg.X0, operand.Mem{Base: out})
	build.ADDQ(operand.Imm(4), out)
	build.ADDQ(ld, m)
	build.DECQ(rows)
	build.JMP(operand.LabelRef(name + "_one"))

	done(name)
}

// axpyRows emits func axpyRowsAVX2(n8 int, y, a, m *float32, ld int, rows int):
// y += Σ_j a[j]·(row j of m). For each block of 8 columns, rows go four at a
// time into four accumulators (a last row or three into the first), summed
// ((acc0+acc1)+(acc2+acc3)) and added to y.
func axpyRows() {
	const name = "axpyRowsAVX2"
	build.TEXT(name, build.NOSPLIT, "func(n8 int, y, a, m *float32, ld int, rows int)")
	build.Doc(name + " adds a[j] times row j of m to y, for rows rows of n8·8 elements, ld apart.")
	n8, m, ld, ld3, rows := rowParams()
	y := build.Load(build.Param("y"), build.GP64())
	a0 := build.Load(build.Param("a"), build.GP64())
	acc := []reg.VecPhysical{reg.Y0, reg.Y1, reg.Y2, reg.Y3}
	bc := []reg.VecPhysical{reg.Y4, reg.Y5, reg.Y6, reg.Y7}
	row, a, cnt := build.GP64(), build.GP64(), build.GP64()
	zero := build.GP64()
	build.XORQ(zero, zero)

	build.Label(name + "_block")
	for _, r := range acc {
		build.VXORPS(r, r, r)
	}
	build.MOVQ(m, row)
	build.MOVQ(a0, a)
	build.MOVQ(rows, cnt)
	build.Label(name + "_four")
	build.CMPQ(cnt, operand.Imm(4))
	build.JL(operand.LabelRef(name + "_one"))
	for r := 0; r < 4; r++ {
		build.VBROADCASTSS(operand.Mem{Base: a, Disp: 4 * r}, bc[r])
		build.VFMADD231PS(rowAt(row, zero, ld, ld3, r), bc[r], acc[r])
	}
	build.ADDQ(operand.Imm(16), a)
	build.LEAQ(operand.Mem{Base: row, Index: ld, Scale: 4}, row)
	build.SUBQ(operand.Imm(4), cnt)
	build.JMP(operand.LabelRef(name + "_four"))
	build.Label(name + "_one")
	build.TESTQ(cnt, cnt)
	build.JZ(operand.LabelRef(name + "_sum"))
	build.VBROADCASTSS(operand.Mem{Base: a}, bc[0])
	build.VFMADD231PS(operand.Mem{Base: row}, bc[0], acc[0])
	build.ADDQ(operand.Imm(4), a)
	build.ADDQ(ld, row)
	build.DECQ(cnt)
	build.JMP(operand.LabelRef(name + "_one"))

	build.Label(name + "_sum")
	build.VADDPS(acc[1], acc[0], acc[0])
	build.VADDPS(acc[3], acc[2], acc[2])
	build.VADDPS(acc[2], acc[0], acc[0])
	build.VADDPS(operand.Mem{Base: y}, acc[0], acc[0])
	build.VMOVUPS(acc[0], operand.Mem{Base: y})
	build.ADDQ(operand.Imm(32), y)
	build.ADDQ(operand.Imm(32), m)
	build.DECQ(n8)
	build.JNZ(operand.LabelRef(name + "_block"))
	build.VZEROUPPER()
	build.RET()
}

// addOuter emits func addOuterAVX2(n8 int, m *float32, ld int, a, x *float32, rows int):
// row j of m += a[j]·x, one FMA per element.
func addOuter() {
	const name = "addOuterAVX2"
	build.TEXT(name, build.NOSPLIT, "func(n8 int, m *float32, ld int, a, x *float32, rows int)")
	build.Doc(name + " adds a[j] times x to row j of m, for rows rows of n8·8 elements, ld apart.")
	n8, m, ld, _, rows := rowParams()
	a := build.Load(build.Param("a"), build.GP64())
	x := build.Load(build.Param("x"), build.GP64())
	off, cnt := build.GP64(), build.GP64()
	build.TESTQ(rows, rows)
	build.JZ(operand.LabelRef(name + "_done"))
	build.Label(name + "_row")
	build.VBROADCASTSS(operand.Mem{Base: a}, reg.Y15)
	build.XORQ(off, off)
	build.MOVQ(n8, cnt)
	build.Label(name + "_loop")
	build.VMOVUPS(operand.Mem{Base: m, Index: off, Scale: 1}, reg.Y0)
	build.VFMADD231PS(operand.Mem{Base: x, Index: off, Scale: 1}, reg.Y15, reg.Y0)
	build.VMOVUPS(reg.Y0, operand.Mem{Base: m, Index: off, Scale: 1})
	build.ADDQ(operand.Imm(32), off)
	build.DECQ(cnt)
	build.JNZ(operand.LabelRef(name + "_loop"))
	build.ADDQ(operand.Imm(4), a)
	build.ADDQ(ld, m)
	endRows(name, rows)
}
