package main

import (
	"math"

	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The GELU kernels run graph's geluForward and geluBackward loops (float32)
// on eight lanes, each operation in the Go code's order and rounding, so
// that they give the same bits; one pass over memory instead of three.

// geluConsts emits the float32 constants of those loops, 8 lanes each.
func geluConsts() (invSqrt2, half, one, minusHalf, invSqrt2Pi operand.Mem) {
	vals := []float32{1 / math.Sqrt2, 0.5, 1, -0.5, 0.3989422804014327}
	tab := build.GLOBL("geluConsts", build.RODATA|build.NOPTR)
	for i, v := range vals {
		for l := 0; l < 8; l++ {
			build.DATA(32*i+4*l, operand.U32(math.Float32bits(v)))
		}
	}
	at := func(i int) operand.Mem { return tab.Offset(32 * i) }
	return at(0), at(1), at(2), at(3), at(4)
}

// gelu emits func geluAVX2(n8 int, x, y, cdf *float32):
// cdf[i] = 0.5·(1 + erf32(x[i]·(1/√2))), y[i] = x[i]·cdf[i].
// geluGrad emits func geluGradAVX2(n8 int, x, cdf, dy, dx *float32):
// dx[i] = dy[i]·(cdf[i] + x[i]·(1/√(2π))·Exp32(−0.5·x[i]·x[i])).
func gelu(erf *erfCode, exp *expCode) {
	invSqrt2, half, one, minusHalf, invSqrt2Pi := geluConsts()
	X := reg.Y13
	{
		const name = "geluAVX2"
		build.TEXT(name, build.NOSPLIT, "func(n8 int, x, y, cdf *float32)")
		build.Doc(name + " writes GELU's Φ(x) into cdf and x·Φ(x) into y for n8 blocks of 8 elements.")
		regs := loadPtrs("n8", "x", "y", "cdf")
		n8, x, y, cdf := regs[0], regs[1], regs[2], regs[3]
		beginBlocks(name, n8)
		build.VMOVUPS(operand.Mem{Base: x}, X)
		build.VMULPS(invSqrt2, X, erfX)
		erf.emit()
		build.VADDPS(one, erfRES, erfRES)
		build.VMULPS(half, erfRES, erfRES)
		build.VMOVUPS(erfRES, operand.Mem{Base: cdf})
		build.VMULPS(erfRES, X, erfRES)
		build.VMOVUPS(erfRES, operand.Mem{Base: y})
		for _, p := range []reg.Register{y, cdf} {
			build.ADDQ(operand.Imm(32), p)
		}
		endBlocks(name, x, n8)
	}
	{
		const name = "geluGradAVX2"
		build.TEXT(name, build.NOSPLIT, "func(n8 int, x, cdf, dy, dx *float32)")
		build.Doc(name + " writes GELU's input gradient into dx for n8 blocks of 8 elements.")
		regs := loadPtrs("n8", "x", "cdf", "dy", "dx")
		n8, x, cdf, dy, dx := regs[0], regs[1], regs[2], regs[3], regs[4]
		beginBlocks(name, n8)
		build.VMOVUPS(operand.Mem{Base: x}, X)
		build.VMULPS(minusHalf, X, reg.Y0)
		build.VMULPS(X, reg.Y0, reg.Y0) // (−0.5·x)·x
		exp.emit()                      // Y5 = φ(x)·√(2π)
		build.VMULPS(invSqrt2Pi, X, reg.Y6)
		build.VMULPS(reg.Y5, reg.Y6, reg.Y6)
		build.VADDPS(operand.Mem{Base: cdf}, reg.Y6, reg.Y6)
		build.VMULPS(operand.Mem{Base: dy}, reg.Y6, reg.Y6)
		build.VMOVUPS(reg.Y6, operand.Mem{Base: dx})
		for _, p := range []reg.Register{cdf, dy, dx} {
			build.ADDQ(operand.Imm(32), p)
		}
		endBlocks(name, x, n8)
	}
}
