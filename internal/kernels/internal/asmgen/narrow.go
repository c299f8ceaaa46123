package main

import (
	"fmt"

	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// narrowMaxRows is the most rows a narrow kernel holds: one accumulator
// register a row, leaving registers for B and C.
const narrowMaxRows = 16

// narrowKernels emits kernNarrow1 … kernNarrow16 (see narrowKernel).
func narrowKernels() {
	for mr := 1; mr <= narrowMaxRows; mr++ {
		narrowKernel(mr)
	}
}

// narrowKernel emits func kernNarrowMR(k int, a *float32, rs, ps int, b *float32, bs int, c *float32, ldc int, mask uint16):
// C[mr × ≤16] += Â·B̂ for the small products of one attention head, with
// Â and B̂ addressed as in kernel (A read in place, B̂ 16 values a k step,
// bs apart) and the columns that mask's bits name: B and C are loaded
// and C stored under the mask, so a panel narrower than 16 is read in
// place and a tile needs no edge copy. Each element is summed from zero in
// k order by FMA (A's element broadcast from memory), then added once to
// C: the same bits as kernel's.
func narrowKernel(mr int) {
	name := fmt.Sprintf("kernNarrow%d", mr)
	build.TEXT(name, build.NOSPLIT, "func(k int, a *float32, rs, ps int, b *float32, bs int, c *float32, ldc int, mask uint16)")
	build.Doc(fmt.Sprintf("%s adds the product of a %d-row panel of A and a 16-column panel of B, k deep, to C, in the columns mask names.", name, mr))
	m := build.Load(build.Param("mask"), build.GP32())
	build.KMOVW(m, reg.K1)
	k, rs, ps, b, bs := panelArgs()
	// Row r of A is read at rows[r/5] + (r%5)·rs, rows[i] = a + 5i·rs,
	// with 3·rs in rs3 (an index scales by 1, 2, 4 or 8 only).
	// Each is computed only for a kernel with the rows that use it.
	var rs3 reg.GPVirtual
	if mr > 3 {
		rs3 = build.GP64()
		build.LEAQ(operand.Mem{Base: rs, Index: rs, Scale: 2}, rs3)
	}
	a := build.GP64()
	build.Load(build.Param("a"), a)
	rows := []reg.GPVirtual{a}
	if mr > 5 {
		rs5 := build.GP64()
		build.LEAQ(operand.Mem{Base: rs, Index: rs, Scale: 4}, rs5)
		for len(rows) < (mr+4)/5 {
			r := build.GP64()
			build.LEAQ(operand.Mem{Base: rows[len(rows)-1], Index: rs5, Scale: 1}, r)
			rows = append(rows, r)
		}
	}
	aAt := func(r int) operand.Mem {
		mem := operand.Mem{Base: rows[r/5]}
		switch r % 5 {
		case 1, 2, 4:
			mem.Index, mem.Scale = rs, uint8(r%5)
		case 3:
			mem.Index, mem.Scale = rs3, 1
		}
		return mem
	}
	acc := func(r int) reg.VecPhysical { return zmm[r] }
	bv, cv := zmm[16], zmm[17]
	for r := range mr {
		build.VXORPS(acc(r), acc(r), acc(r))
	}
	build.TESTQ(k, k)
	build.JZ(operand.LabelRef(name + "_store"))

	build.Label(name + "_loop")
	build.VMOVUPS_Z(operand.Mem{Base: b}, reg.K1, bv)
	for r := range mr {
		build.VFMADD231PS_BCST(aAt(r), bv, acc(r))
	}
	for _, r := range rows {
		build.ADDQ(ps, r)
	}
	build.ADDQ(bs, b)
	build.DECQ(k)
	build.JNZ(operand.LabelRef(name + "_loop"))

	build.Label(name + "_store")
	c := build.Load(build.Param("c"), build.GP64())
	ldc := build.Load(build.Param("ldc"), build.GP64())
	build.SHLQ(operand.Imm(2), ldc)
	for r := range mr {
		build.VMOVUPS_Z(operand.Mem{Base: c}, reg.K1, cv)
		build.VADDPS(cv, acc(r), acc(r))
		build.VMOVUPS(acc(r), reg.K1, operand.Mem{Base: c})
		if r < mr-1 {
			build.ADDQ(ldc, c)
		}
	}
	build.VZEROUPPER()
	build.RET()
}
