package main

import (
	"fmt"
	"math"

	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The softmax kernels serve attention's rows of scores: rows rows of n
// float32 each, contiguous, with pad[j] != 0 marking key j as padding. Full
// blocks of 8 go plain; the last n%8 elements go through masked loads and
// a block on the stack, so any n works and nothing past a row is touched.

// rowConsts are the softmax kernels' constants: the tail masks (8 all-ones
// lanes then 8 zero lanes: the mask of the first r lanes starts 8-r lanes
// in) and −∞.
type rowConsts struct{ masks, negInf operand.Mem }

func newRowConsts() rowConsts {
	tab := build.GLOBL("softmaxConsts", build.RODATA|build.NOPTR)
	for l := 0; l < 16; l++ {
		v := uint32(0)
		if l < 8 {
			v = 0xffffffff
		}
		build.DATA(4*l, operand.U32(v))
	}
	for l := 0; l < 8; l++ {
		build.DATA(64+4*l, operand.U32(math.Float32bits(float32(math.Inf(-1)))))
	}
	return rowConsts{tab.Offset(0), tab.Offset(64)}
}

// rowPass emits a loop over one row's blocks: body(at, at, nil) for each
// full block, then, when the row has a tail (rem = n%8 is not 0),
// body(at, out, tail) once for it, tail being the mask of its rem lanes.
// ptrs advance 32 bytes a block. The tail's loads are masked; its stores
// go to a block on the stack (out), whose first rem values are then copied
// to the pointers in stores: the lanes of a masked store without AMD's
// VMASKMOVPS store, which cost more than the rest of a 20-key row.
func rowPass(name string, n8, rem reg.GPVirtual, tail reg.VecPhysical, ptrs, stores []reg.GPVirtual, body func(at, out func(reg.GPVirtual) operand.Mem, mask reg.VecPhysical)) {
	cnt := build.GP64()
	build.MOVQ(n8, cnt)
	at := func(p reg.GPVirtual) operand.Mem { return operand.Mem{Base: p} }
	build.TESTQ(cnt, cnt)
	build.JZ(operand.LabelRef(name + "_tail"))
	build.Label(name + "_loop")
	body(at, at, nil)
	for _, p := range ptrs {
		build.ADDQ(operand.Imm(32), p)
	}
	build.DECQ(cnt)
	build.JNZ(operand.LabelRef(name + "_loop"))
	build.Label(name + "_tail")
	build.TESTQ(rem, rem)
	build.JZ(operand.LabelRef(name + "_end"))
	local := map[reg.GPVirtual]operand.Mem{}
	for _, p := range stores {
		local[p] = build.AllocLocal(32)
	}
	body(at, func(p reg.GPVirtual) operand.Mem {
		m, ok := local[p]
		if !ok {
			panic(name + ": a tail store through a pointer not listed in stores")
		}
		return m
	}, tail)
	for i, p := range stores {
		copyTail(name+"_out", rem, local[p], at(p), i)
	}
	build.Label(name + "_end")
}

// copyTail copies rem (1 to 7) float32 values from src to dst, last first;
// k makes its label unique within the pass. src and dst are base (+
// displacement) operands: it sets their index.
func copyTail(name string, rem reg.GPVirtual, src, dst operand.Mem, k int) {
	i, v := build.GP64(), build.GP32()
	label := fmt.Sprintf("%s%d", name, k)
	build.MOVQ(rem, i)
	build.Label(label)
	src.Index, src.Scale, src.Disp = i, 4, src.Disp-4
	dst.Index, dst.Scale, dst.Disp = i, 4, dst.Disp-4
	build.MOVL(src, v)
	build.MOVL(v, dst)
	build.DECQ(i)
	build.JNZ(operand.LabelRef(label))
}

// load reads a block, masked when mask is set (masked-off lanes read 0).
func load(m operand.Mem, mask, dst reg.VecPhysical) {
	if mask == nil {
		build.VMOVUPS(m, dst)
		return
	}
	build.VMASKMOVPS(m, mask, dst)
}

// store writes a whole block: give it rowPass's out(p), never at(p), so
// that a tail's block goes to the stack.
func store(src reg.VecPhysical, m operand.Mem) { build.VMOVUPS(src, m) }

// allLanes leaves op's reduction of v's eight lanes in every lane of v, in
// one fixed order (halves, then pairs, then neighbours); tmp is scratch.
func allLanes(op func(...operand.Op), v, tmp reg.VecPhysical) {
	build.VPERM2F128(operand.Imm(1), v, v, tmp)
	op(tmp, v, v)
	build.VPERMILPS(operand.Imm(0x4e), v, tmp)
	op(tmp, v, v)
	build.VPERMILPS(operand.Imm(0xb1), v, tmp)
	op(tmp, v, v)
}

// rowShape emits the loop bounds shared by the row kernels for rows of n
// elements: n8 full blocks, rem = n%8 tail elements, the row stride in
// bytes; it loads the tail mask into Y14 and zero into Y13.
func (c rowConsts) rowShape(n reg.GPVirtual) (n8, rem, stride reg.GPVirtual) {
	n8, rem, stride = build.GP64(), build.GP64(), build.GP64()
	neg, tab := build.GP64(), build.GP64()
	build.MOVQ(n, n8)
	build.SHRQ(operand.Imm(3), n8)
	build.MOVQ(n, rem)
	build.ANDQ(operand.Imm(7), rem)
	build.MOVQ(rem, neg)
	build.NEGQ(neg)
	build.MOVQ(n, stride)
	build.SHLQ(operand.Imm(2), stride)
	build.LEAQ(c.masks, tab)
	build.VMOVUPS(operand.Mem{Base: tab, Index: neg, Scale: 4, Disp: 32}, reg.Y14)
	build.VXORPS(reg.Y13, reg.Y13, reg.Y13)
	return
}

// softmax emits func softmaxRowsAVX2(n int, p *float32, rows int, scale float32, pad *float32):
// each row becomes softmax(scale·row) over its unpadded keys, 0 at padded
// ones, all zeros when every key is padding.
func softmax(exp *expCode, c rowConsts) {
	negInf := c.negInf
	const name = "softmaxRowsAVX2"
	build.TEXT(name, build.NOSPLIT, "func(n int, p *float32, rows int, scale float32, pad *float32)")
	build.Doc(name + " turns each of rows rows of n scores at p into softmax(scale·row) over the keys not marked in pad.")
	regs := loadPtrs("n", "p", "rows", "pad")
	n, p, rows, pad := regs[0], regs[1], regs[2], regs[3]
	build.VBROADCASTSS(build.Load(build.Param("scale"), build.XMM()), reg.Y15)
	n8, rem, stride := c.rowShape(n)
	build.VMOVUPS(negInf, reg.Y12)
	Tail := reg.Y14
	// keep sets Y1 to the lanes of unpadded keys (and, in the tail, real ones).
	keep := func(at func(reg.GPVirtual) operand.Mem, pp reg.GPVirtual, mask reg.VecPhysical) {
		load(at(pp), mask, reg.Y1)
		build.VCMPPS(operand.Imm(0), reg.Y13, reg.Y1, reg.Y1) // pad == 0
		if mask != nil {
			build.VANDPS(mask, reg.Y1, reg.Y1)
		}
	}
	row, kp := build.GP64(), build.GP64()
	build.TESTQ(rows, rows)
	build.JZ(operand.LabelRef(name + "_done"))
	build.Label(name + "_row")
	// Pass 1: the largest unpadded scaled score. The scaled scores are not
	// stored: pass 2 scales again (the same product, so the same bits),
	// which spares a store, masked in the tail, of every block.
	build.MOVQ(p, row)
	build.MOVQ(pad, kp)
	build.VMOVUPS(reg.Y12, reg.Y8)
	rowPass(name+"_max", n8, rem, Tail, []reg.GPVirtual{row, kp}, nil, func(at, out func(reg.GPVirtual) operand.Mem, mask reg.VecPhysical) {
		load(at(row), mask, reg.Y0)
		build.VMULPS(reg.Y15, reg.Y0, reg.Y0)
		keep(at, kp, mask)
		build.VBLENDVPS(reg.Y1, reg.Y0, reg.Y12, reg.Y2)
		build.VMAXPS(reg.Y2, reg.Y8, reg.Y8)
	})
	allLanes(build.VMAXPS, reg.Y8, reg.Y2)
	build.VCMPPS(operand.Imm(0), reg.Y12, reg.Y8, reg.Y2)
	flag := build.GP32()
	build.VMOVMSKPS(reg.Y2, flag)
	build.TESTL(flag, flag)
	build.JNZ(operand.LabelRef(name + "_zero"))
	// Pass 2: e^(s − max) at unpadded keys, 0 elsewhere, and their sum.
	build.MOVQ(p, row)
	build.MOVQ(pad, kp)
	build.VXORPS(reg.Y9, reg.Y9, reg.Y9)
	rowPass(name+"_exp", n8, rem, Tail, []reg.GPVirtual{row, kp}, []reg.GPVirtual{row}, func(at, out func(reg.GPVirtual) operand.Mem, mask reg.VecPhysical) {
		load(at(row), mask, reg.Y0)
		build.VMULPS(reg.Y15, reg.Y0, reg.Y0)
		build.VSUBPS(reg.Y8, reg.Y0, reg.Y0)
		exp.emit() // Y5; clobbers Y1-Y4
		keep(at, kp, mask)
		build.VANDPS(reg.Y1, reg.Y5, reg.Y5)
		store(reg.Y5, out(row))
		build.VADDPS(reg.Y5, reg.Y9, reg.Y9)
	})
	allLanes(build.VADDPS, reg.Y9, reg.Y2)
	// Pass 3: divide by the sum.
	build.MOVQ(p, row)
	rowPass(name+"_div", n8, rem, Tail, []reg.GPVirtual{row}, []reg.GPVirtual{row}, func(at, out func(reg.GPVirtual) operand.Mem, mask reg.VecPhysical) {
		load(at(row), mask, reg.Y0)
		build.VDIVPS(reg.Y9, reg.Y0, reg.Y0)
		store(reg.Y0, out(row))
	})
	build.JMP(operand.LabelRef(name + "_next"))
	build.Label(name + "_zero")
	build.MOVQ(p, row)
	rowPass(name+"_clear", n8, rem, Tail, []reg.GPVirtual{row}, []reg.GPVirtual{row}, func(at, out func(reg.GPVirtual) operand.Mem, mask reg.VecPhysical) {
		store(reg.Y13, out(row))
	})
	build.Label(name + "_next")
	build.ADDQ(stride, p)
	endRows(name, rows)
}

// softmaxGrad emits func softmaxGradRowsAVX2(n int, p, dp *float32, rows int, scale float32):
// for each row, with dp taken as 0 where p is 0, dp = p·(dp − Σ dp·p)·scale:
// the score gradient of a softmax row from its probabilities and their gradient.
func softmaxGrad(c rowConsts) {
	const name = "softmaxGradRowsAVX2"
	build.TEXT(name, build.NOSPLIT, "func(n int, p, dp *float32, rows int, scale float32)")
	build.Doc(name + " turns each of rows rows of n probability gradients at dp into score gradients, given the probabilities at p.")
	regs := loadPtrs("n", "p", "dp", "rows")
	n, p, dp, rows := regs[0], regs[1], regs[2], regs[3]
	build.VBROADCASTSS(build.Load(build.Param("scale"), build.XMM()), reg.Y15)
	n8, rem, stride := c.rowShape(n)
	Tail := reg.Y14
	pr, dr := build.GP64(), build.GP64()
	build.TESTQ(rows, rows)
	build.JZ(operand.LabelRef(name + "_done"))
	build.Label(name + "_row")
	build.MOVQ(p, pr)
	build.MOVQ(dp, dr)
	build.VXORPS(reg.Y8, reg.Y8, reg.Y8)
	rowPass(name+"_dot", n8, rem, Tail, []reg.GPVirtual{pr, dr}, []reg.GPVirtual{dr}, func(at, out func(reg.GPVirtual) operand.Mem, mask reg.VecPhysical) {
		load(at(pr), mask, reg.Y0)
		load(at(dr), mask, reg.Y1)
		build.VCMPPS(operand.Imm(4), reg.Y13, reg.Y0, reg.Y2) // p != 0
		build.VANDPS(reg.Y2, reg.Y1, reg.Y1)
		store(reg.Y1, out(dr))
		build.VMULPS(reg.Y0, reg.Y1, reg.Y1)
		build.VADDPS(reg.Y1, reg.Y8, reg.Y8)
	})
	allLanes(build.VADDPS, reg.Y8, reg.Y2)
	build.MOVQ(p, pr)
	build.MOVQ(dp, dr)
	rowPass(name+"_ds", n8, rem, Tail, []reg.GPVirtual{pr, dr}, []reg.GPVirtual{dr}, func(at, out func(reg.GPVirtual) operand.Mem, mask reg.VecPhysical) {
		load(at(pr), mask, reg.Y0)
		load(at(dr), mask, reg.Y1)
		build.VSUBPS(reg.Y8, reg.Y1, reg.Y1)
		build.VMULPS(reg.Y1, reg.Y0, reg.Y1)
		build.VMULPS(reg.Y15, reg.Y1, reg.Y1)
		store(reg.Y1, out(dr))
	})
	build.ADDQ(stride, p)
	build.ADDQ(stride, dp)
	endRows(name, rows)
}
