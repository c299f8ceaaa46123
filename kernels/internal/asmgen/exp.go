package main

import (
	"math"

	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// expSub emits func expSubAVX2(n8 int, x *float32, c float32): x[i] =
// Exp32(x[i] - c) for n8 blocks of 8, Exp32 (kernels/exp.go) step for step:
// the same float32 constants, each multiply and add rounded on its own (no
// FMA), the same truncating conversion, 2^k built in the exponent bits, and
// zero below -87.
func expSub() {
	const name = "expSubAVX2"
	const (
		log2e = 1.4426950408889634
		ln2Hi = 0.693145751953125
		ln2Lo = 1.428606765330187e-06
	)
	// Each constant as 8 lanes, so that it serves as a memory operand.
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
	cLog2e, cHalf, cHi, cLo, cMin, poly, c127 := at(0), at(1), at(2), at(3), at(4), 5, at(len(consts))

	build.TEXT(name, build.NOSPLIT, "func(n8 int, x *float32, c float32)")
	build.Doc(name + " sets x[i] to Exp32(x[i] - c) for n8 blocks of 8 elements.")
	n8 := build.Load(build.Param("n8"), build.GP64())
	x := build.Load(build.Param("x"), build.GP64())
	build.VBROADCASTSS(build.Load(build.Param("c"), build.XMM()), reg.Y15)
	build.TESTQ(n8, n8)
	build.JZ(operand.LabelRef(name + "_done"))
	build.Label(name + "_loop")
	build.VMOVUPS(operand.Mem{Base: x}, reg.Y0)
	build.VSUBPS(reg.Y15, reg.Y0, reg.Y0)              // x - c
	build.VCMPPS(operand.Imm(1), cMin, reg.Y0, reg.Y1) // x < -87
	build.VMULPS(cLog2e, reg.Y0, reg.Y2)
	build.VSUBPS(cHalf, reg.Y2, reg.Y2)
	build.VCVTTPS2DQ(reg.Y2, reg.Y2) // ki
	build.VCVTDQ2PS(reg.Y2, reg.Y3)  // k
	build.VMULPS(cHi, reg.Y3, reg.Y4)
	build.VSUBPS(reg.Y4, reg.Y0, reg.Y4)
	build.VMULPS(cLo, reg.Y3, reg.Y3)
	build.VSUBPS(reg.Y3, reg.Y4, reg.Y4) // r
	build.VMULPS(at(poly), reg.Y4, reg.Y5)
	for i := poly + 1; i < len(consts); i++ {
		build.VADDPS(at(i), reg.Y5, reg.Y5)
		if i < len(consts)-1 {
			build.VMULPS(reg.Y4, reg.Y5, reg.Y5)
		}
	}
	build.VPADDD(c127, reg.Y2, reg.Y2)
	build.VPSLLD(operand.Imm(23), reg.Y2, reg.Y2) // 2^k
	build.VMULPS(reg.Y2, reg.Y5, reg.Y5)
	build.VANDNPS(reg.Y5, reg.Y1, reg.Y5) // 0 where x < -87
	build.VMOVUPS(reg.Y5, operand.Mem{Base: x})
	endBlocks(name, x, n8)
}

// endBlocks closes a loop over n8 blocks of 8 float32 at x, opened by a
// name_loop label (and a name_done one to jump to when n8 is 0).
func endBlocks(name string, x, n8 reg.Register) {
	build.ADDQ(operand.Imm(32), x)
	build.DECQ(n8)
	build.JNZ(operand.LabelRef(name + "_loop"))
	build.Label(name + "_done")
	build.VZEROUPPER()
	build.RET()
}
