package main

import (
	"math"

	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// expCode evaluates Exp32 (kernels/exp.go) on eight lanes, step for step:
// the same float32 constants, each multiply and add rounded on its own (no
// FMA), the same truncating conversion, 2^k built in the exponent bits, and
// zero below -87. Its constants are emitted once.
type expCode struct {
	log2e, half, hi, lo, min, c127 operand.Mem
	poly                           []operand.Mem // Taylor coefficients, highest first, then 1
}

func newExpCode() *expCode {
	const (
		log2e = 1.4426950408889634
		ln2Hi = 0.693145751953125
		ln2Lo = 1.428606765330187e-06
	)
	consts := []float32{log2e, 0.5, ln2Hi, ln2Lo, -87,
		1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 1.0 / 2, 1, 1}
	tab := build.GLOBL("expConsts", build.RODATA|build.NOPTR)
	for i, v := range consts {
		for l := 0; l < 8; l++ {
			build.DATA(32*i+4*l, operand.U32(math.Float32bits(v)))
		}
	}
	for l := 0; l < 8; l++ {
		build.DATA(32*len(consts)+4*l, operand.U32(127))
	}
	at := func(i int) operand.Mem { return tab.Offset(32 * i) }
	e := &expCode{log2e: at(0), half: at(1), hi: at(2), lo: at(3), min: at(4), c127: at(len(consts))}
	for i := 5; i < len(consts); i++ {
		e.poly = append(e.poly, at(i))
	}
	return e
}

// emit sets Y5 to Exp32(Y0), overwriting Y1-Y5.
func (e *expCode) emit() {
	build.VCMPPS(operand.Imm(1), e.min, reg.Y0, reg.Y1) // x < -87
	build.VMULPS(e.log2e, reg.Y0, reg.Y2)
	build.VSUBPS(e.half, reg.Y2, reg.Y2)
	build.VCVTTPS2DQ(reg.Y2, reg.Y2) // ki
	build.VCVTDQ2PS(reg.Y2, reg.Y3)  // k
	build.VMULPS(e.hi, reg.Y3, reg.Y4)
	build.VSUBPS(reg.Y4, reg.Y0, reg.Y4)
	build.VMULPS(e.lo, reg.Y3, reg.Y3)
	build.VSUBPS(reg.Y3, reg.Y4, reg.Y4) // r
	build.VMULPS(e.poly[0], reg.Y4, reg.Y5)
	for i := 1; i < len(e.poly); i++ {
		build.VADDPS(e.poly[i], reg.Y5, reg.Y5)
		if i < len(e.poly)-1 {
			build.VMULPS(reg.Y4, reg.Y5, reg.Y5)
		}
	}
	build.VPADDD(e.c127, reg.Y2, reg.Y2)
	build.VPSLLD(operand.Imm(23), reg.Y2, reg.Y2) // 2^k
	build.VMULPS(reg.Y2, reg.Y5, reg.Y5)
	build.VANDNPS(reg.Y5, reg.Y1, reg.Y5) // 0 where x < -87
}

// expSub emits func expSubAVX2(n8 int, x *float32, c float32): x[i] =
// Exp32(x[i] - c) for n8 blocks of 8.
func expSub(e *expCode) {
	const name = "expSubAVX2"
	build.TEXT(name, build.NOSPLIT, "func(n8 int, x *float32, c float32)")
	build.Doc(name + " sets x[i] to Exp32(x[i] - c) for n8 blocks of 8 elements.")
	n8 := build.Load(build.Param("n8"), build.GP64())
	x := build.Load(build.Param("x"), build.GP64())
	build.VBROADCASTSS(build.Load(build.Param("c"), build.XMM()), reg.Y15)
	beginBlocks(name, n8)
	build.VMOVUPS(operand.Mem{Base: x}, reg.Y0)
	build.VSUBPS(reg.Y15, reg.Y0, reg.Y0) // x - c
	e.emit()
	build.VMOVUPS(reg.Y5, operand.Mem{Base: x})
	endBlocks(name, x, n8)
}

// beginBlocks opens a loop over n8 blocks of 8 float32 (name_loop), skipping
// to the end (name_done) when n8 is 0; endBlocks closes it.
func beginBlocks(name string, n8 reg.Register) {
	build.TESTQ(n8, n8)
	build.JZ(operand.LabelRef(name + "_done"))
	build.Label(name + "_loop")
}

// endBlocks closes a loop over n8 blocks of 8 float32 at x, opened by
// beginBlocks, and returns.
func endBlocks(name string, x, n8 reg.Register) {
	build.ADDQ(operand.Imm(32), x)
	build.DECQ(n8)
	build.JNZ(operand.LabelRef(name + "_loop"))
	done(name)
}

// endRows closes a loop over rows opened by a name_row label, and returns.
func endRows(name string, rows reg.Register) {
	build.DECQ(rows)
	build.JNZ(operand.LabelRef(name + "_row"))
	done(name)
}

// done is every kernel's end: the name_done label its early exits jump to,
// the upper halves of the vector registers cleared, return.
func done(name string) {
	build.Label(name + "_done")
	build.VZEROUPPER()
	build.RET()
}
