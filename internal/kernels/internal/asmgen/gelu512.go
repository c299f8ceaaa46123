package main

import (
	"math"

	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The GELU kernels on sixteen AVX-512 lanes: erf32 and Exp32 step for step
// as erfCode and expCode emit them on eight (the same constants, operations
// and rounding, so the same bits), the blends done with opmask registers.

// table16 emits 16-lane float32 rows into one read-only table.
type table16 struct {
	sym operand.Mem
	n   int
}

func newTable16(name string) *table16 {
	return &table16{sym: build.GLOBL(name, build.RODATA|build.NOPTR)}
}

// row emits one row of 16 lanes: v[l%len(v)] in lane l.
func (t *table16) row(v ...float32) operand.Mem {
	for l := 0; l < 16; l++ {
		build.DATA(64*t.n+4*l, operand.U32(math.Float32bits(v[l%len(v)])))
	}
	t.n++
	return t.sym.Offset(64 * (t.n - 1))
}

func (t *table16) bits(b uint32) operand.Mem { return t.row(math.Float32frombits(b)) }

// hoist loads the constants ops point at into the registers free, in order,
// before a kernel's loop, and points ops at the registers: a table's rows
// are 64-byte aligned only to 32 (the linker's most), so every row read in
// the loop would straddle two cache lines.
func hoist(free []reg.VecPhysical, ops ...*operand.Op) {
	if len(ops) > len(free) {
		panic("hoist: more constants than free registers")
	}
	for i, op := range ops {
		build.VMOVUPS(*op, free[i])
		*op = free[i]
	}
}

// consts lists pointers to an erf512's constants, for hoist.
func (e *erf512) consts() []*operand.Op {
	ops := []*operand.Op{&e.abs, &e.signBit, &e.one, &e.bound1, &e.bound4, &e.offsets}
	for i := range e.rows {
		ops = append(ops, &e.rows[i])
	}
	return ops
}

// consts lists pointers to an exp512's constants, for hoist.
func (e *exp512) consts() []*operand.Op {
	ops := []*operand.Op{&e.log2e, &e.half, &e.hi, &e.lo, &e.min, &e.c127}
	for i := range e.poly {
		ops = append(ops, &e.poly[i])
	}
	return ops
}

// erf512 evaluates erf32 on sixteen lanes (erfCode.emit's steps).
type erf512 struct {
	abs, signBit, one, bound1, bound4, offsets operand.Op
	rows                                       []operand.Op // lanes 8-15 repeat 0-7: blended away
}

func newErf512(t *table16) *erf512 {
	small, big := erfCoefficients()
	e := &erf512{abs: t.bits(0x7fffffff), signBit: t.bits(0x80000000), one: t.row(1), bound1: t.row(1), bound4: t.row(4)}
	for j := range big[0] {
		var row [8]float32
		if j < len(small) {
			row[0] = small[j]
		}
		for l := 1; l < 8; l++ {
			row[l] = big[min(l, 3)-1][j]
		}
		e.rows = append(e.rows, t.row(row[:]...))
	}
	e.offsets = t.row(0, 3, 5, 7, 7, 7, 7, 7)
	return e
}

// emit sets Z7 to erf32(Z0), overwriting Z0-Z12 and K1-K3.
func (e *erf512) emit() {
	X, A, U, T, B1, B2, TMP, RES := reg.Z0, reg.Z1, reg.Z2, reg.Z3, reg.Z4, reg.Z5, reg.Z6, reg.Z7
	IDX, C := reg.Z8, reg.Z10
	build.VPANDD(e.abs, X, A)
	build.VCVTTPS2DQ(A, IDX)
	build.VADDPS(X, X, U)
	build.VMULPS(X, U, U)
	build.VSUBPS(e.one, U, U)
	build.VADDPS(A, A, TMP)
	build.VPERMPS(e.offsets, IDX, C)
	build.VSUBPS(C, TMP, TMP)
	build.VCMPPS(operand.Imm(1), e.bound1, A, reg.K1) // a < 1
	build.VBLENDMPS(U, TMP, reg.K1, U)
	build.VADDPS(U, U, T)
	last := len(e.rows) - 1
	build.VPERMPS(e.rows[last], IDX, B1)
	build.VPXORD(B2, B2, B2)
	b1, b2, tmp := B1, B2, TMP
	for j := last - 1; j >= 1; j-- {
		build.VPERMPS(e.rows[j], IDX, C)
		build.VMULPS(b1, T, tmp)
		build.VSUBPS(b2, tmp, tmp)
		build.VADDPS(C, tmp, tmp)
		b1, b2, tmp = tmp, b1, b2
	}
	build.VPERMPS(e.rows[0], IDX, C)
	build.VMULPS(b1, U, RES)
	build.VSUBPS(b2, RES, RES)
	build.VADDPS(C, RES, RES)
	build.VMULPS(RES, X, C)
	build.VCMPPS(operand.Imm(5), e.bound4, A, reg.K2) // not a < 4
	build.VBLENDMPS(e.one, RES, reg.K2, RES)
	build.VPANDD(e.signBit, X, TMP)
	build.VPORD(TMP, RES, RES)
	build.VBLENDMPS(C, RES, reg.K1, RES)
	build.VCMPPS(operand.Imm(3), A, A, reg.K3) // NaN
	build.VBLENDMPS(X, RES, reg.K3, RES)
}

// exp512 evaluates Exp32 on sixteen lanes (expCode.emit's steps).
type exp512 struct {
	log2e, half, hi, lo, min, c127 operand.Op
	poly                           []operand.Op
}

func newExp512(t *table16) *exp512 {
	const (
		log2e = 1.4426950408889634
		ln2Hi = 0.693145751953125
		ln2Lo = 1.428606765330187e-06
	)
	e := &exp512{log2e: t.row(log2e), half: t.row(0.5), hi: t.row(ln2Hi), lo: t.row(ln2Lo), min: t.row(-87),
		c127: t.bits(127)}
	for _, c := range []float32{1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 1.0 / 2, 1, 1} {
		e.poly = append(e.poly, t.row(c))
	}
	return e
}

// emit sets Z5 to Exp32(Z0), overwriting Z1-Z5 and K4.
func (e *exp512) emit() {
	build.VCMPPS(operand.Imm(5), e.min, reg.Z0, reg.K4) // not x < -87
	build.VMULPS(e.log2e, reg.Z0, reg.Z2)
	build.VSUBPS(e.half, reg.Z2, reg.Z2)
	build.VCVTTPS2DQ(reg.Z2, reg.Z2)
	build.VCVTDQ2PS(reg.Z2, reg.Z3)
	build.VMULPS(e.hi, reg.Z3, reg.Z4)
	build.VSUBPS(reg.Z4, reg.Z0, reg.Z4)
	build.VMULPS(e.lo, reg.Z3, reg.Z3)
	build.VSUBPS(reg.Z3, reg.Z4, reg.Z4)
	build.VMULPS(e.poly[0], reg.Z4, reg.Z5)
	for i := 1; i < len(e.poly); i++ {
		build.VADDPS(e.poly[i], reg.Z5, reg.Z5)
		if i < len(e.poly)-1 {
			build.VMULPS(reg.Z4, reg.Z5, reg.Z5)
		}
	}
	build.VPADDD(e.c127, reg.Z2, reg.Z2)
	build.VPSLLD(operand.Imm(23), reg.Z2, reg.Z2)
	build.VMULPS(reg.Z2, reg.Z5, reg.Z5)
	build.VMOVAPS_Z(reg.Z5, reg.K4, reg.Z5) // 0 where x < -87
}

// gelu512 emits gelu512 and geluGrad512, geluAVX2 and geluGradAVX2 on n16
// blocks of 16.
func gelu512() {
	t := newTable16("gelu512Consts")
	erf, exp := newErf512(t), newExp512(t)
	var invSqrt2, half, invSqrt2Pi, minusHalf operand.Op = t.row(1 / math.Sqrt2), t.row(0.5), t.row(0.3989422804014327), t.row(-0.5)
	X := reg.Z13
	{
		const name = "gelu512"
		build.TEXT(name, build.NOSPLIT, "func(n16 int, x, y, cdf *float32)")
		build.Doc(name + " is geluAVX2 on n16 blocks of 16 elements (AVX-512).")
		regs := loadPtrs("n16", "x", "y", "cdf")
		n16, x, y, cdf := regs[0], regs[1], regs[2], regs[3]
		hoist(zmm[14:], append(erf.consts(), &invSqrt2, &half)...) // erf uses Z0-Z12
		beginBlocks(name, n16)
		build.VMOVUPS(operand.Mem{Base: x}, X)
		build.VMULPS(invSqrt2, X, reg.Z0)
		erf.emit()
		build.VADDPS(erf.one, reg.Z7, reg.Z7)
		build.VMULPS(half, reg.Z7, reg.Z7)
		build.VMOVUPS(reg.Z7, operand.Mem{Base: cdf})
		build.VMULPS(reg.Z7, X, reg.Z7)
		build.VMOVUPS(reg.Z7, operand.Mem{Base: y})
		for _, p := range []reg.Register{x, y, cdf} {
			build.ADDQ(operand.Imm(64), p)
		}
		build.DECQ(n16)
		build.JNZ(operand.LabelRef(name + "_loop"))
		done(name)
	}
	{
		const name = "geluGrad512"
		build.TEXT(name, build.NOSPLIT, "func(n16 int, x, cdf, dy, dx *float32)")
		build.Doc(name + " is geluGradAVX2 on n16 blocks of 16 elements (AVX-512).")
		regs := loadPtrs("n16", "x", "cdf", "dy", "dx")
		n16, x, cdf, dy, dx := regs[0], regs[1], regs[2], regs[3], regs[4]
		hoist(append(zmm[7:13:13], zmm[14:]...), append(exp.consts(), &invSqrt2Pi, &minusHalf)...) // exp uses Z0-Z5
		beginBlocks(name, n16)
		build.VMOVUPS(operand.Mem{Base: x}, X)
		build.VMULPS(minusHalf, X, reg.Z0)
		build.VMULPS(X, reg.Z0, reg.Z0)
		exp.emit()
		build.VMULPS(invSqrt2Pi, X, reg.Z6)
		build.VMULPS(reg.Z5, reg.Z6, reg.Z6)
		build.VADDPS(operand.Mem{Base: cdf}, reg.Z6, reg.Z6)
		build.VMULPS(operand.Mem{Base: dy}, reg.Z6, reg.Z6)
		build.VMOVUPS(reg.Z6, operand.Mem{Base: dx})
		for _, p := range []reg.Register{x, cdf, dy, dx} {
			build.ADDQ(operand.Imm(64), p)
		}
		build.DECQ(n16)
		build.JNZ(operand.LabelRef(name + "_loop"))
		done(name)
	}
}
