package main

import (
	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// sumSquares emits func sumSquaresAVX2(n8 int, x *float32, acc *[8]float64):
// adds x[i]² over n8 blocks of 8 into acc's lanes (element i to lane i%8),
// each square and sum in float64 (the float32 values widened exactly), so
// that sums over several runs of blocks (an embedding gradient's non-zero
// rows) add in the order one pass over them all would. Blocks of zero bits
// are skipped. SumSquares reduces the lanes in one fixed order.
func sumSquares() {
	const name = "sumSquaresAVX2"
	build.TEXT(name, build.NOSPLIT, "func(n8 int, x *float32, acc *[8]float64)")
	build.Doc(name + " adds the float64 squares of n8 blocks of 8 float32 values into acc's eight lanes.")
	build.Pragma("noescape") // acc is the caller's local array
	n8 := build.Load(build.Param("n8"), build.GP64())
	x := build.Load(build.Param("x"), build.GP64())
	acc := build.Load(build.Param("acc"), build.GP64())
	build.VMOVUPD(operand.Mem{Base: acc}, reg.Y0)
	build.VMOVUPD(operand.Mem{Base: acc, Disp: 32}, reg.Y1)
	build.TESTQ(n8, n8)
	build.JZ(operand.LabelRef(name + "_store"))
	build.Label(name + "_loop")
	// A block of eight +0 (all bits clear) would add exactly +0 to every
	// lane: skipped, the same bits. An embedding's gradient is mostly such
	// rows (only the step's tokens have any), so the FMA chain mostly idles.
	build.VMOVUPS(operand.Mem{Base: x}, reg.Y4)
	build.VPTEST(reg.Y4, reg.Y4)
	build.JZ(operand.LabelRef(name + "_next"))
	build.VCVTPS2PD(operand.Mem{Base: x}, reg.Y2)
	build.VCVTPS2PD(operand.Mem{Base: x, Disp: 16}, reg.Y3)
	build.VFMADD231PD(reg.Y2, reg.Y2, reg.Y0)
	build.VFMADD231PD(reg.Y3, reg.Y3, reg.Y1)
	build.Label(name + "_next")
	build.ADDQ(operand.Imm(32), x)
	build.DECQ(n8)
	build.JNZ(operand.LabelRef(name + "_loop"))
	build.Label(name + "_store")
	build.VMOVUPD(reg.Y0, operand.Mem{Base: acc})
	build.VMOVUPD(reg.Y1, operand.Mem{Base: acc, Disp: 32})
	build.VZEROUPPER()
	build.RET()
}

// scale emits func scaleAVX2(n8 int, x *float32, s float32): x[i] *= s over
// n8 blocks of 8, one float32 product each (the bits of the Go loop): the
// gradient clip's rescale, which is memory-bound.
func scale() {
	const name = "scaleAVX2"
	build.TEXT(name, build.NOSPLIT, "func(n8 int, x *float32, s float32)")
	build.Doc(name + " multiplies n8 blocks of 8 float32 values by s in place.")
	n8 := build.Load(build.Param("n8"), build.GP64())
	x := build.Load(build.Param("x"), build.GP64())
	build.VBROADCASTSS(build.Load(build.Param("s"), build.XMM()), reg.Y0)
	beginBlocks(name, n8)
	build.VMULPS(operand.Mem{Base: x}, reg.Y0, reg.Y1)
	build.VMOVUPS(reg.Y1, operand.Mem{Base: x})
	endBlocks(name, x, n8)
}

// add emits func addAVX2(n8 int, out, x, y *float32): out[i] = x[i] + y[i]
// over n8 blocks of 8, one float32 sum each: a residual connection or a sum
// of gradients in one pass, where a copy and an axpy took two.
func add() {
	const name = "addAVX2"
	build.TEXT(name, build.NOSPLIT, "func(n8 int, out, x, y *float32)")
	build.Doc(name + " writes x + y into out for n8 blocks of 8 float32 values.")
	regs := loadPtrs("n8", "out", "x", "y")
	n8, out, x, y := regs[0], regs[1], regs[2], regs[3]
	beginBlocks(name, n8)
	build.VMOVUPS(operand.Mem{Base: x}, reg.Y0)
	build.VADDPS(operand.Mem{Base: y}, reg.Y0, reg.Y0)
	build.VMOVUPS(reg.Y0, operand.Mem{Base: out})
	for _, p := range []reg.Register{out, y} {
		build.ADDQ(operand.Imm(32), p)
	}
	endBlocks(name, x, n8)
}
