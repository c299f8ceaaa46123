package main

import (
	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The layer-norm kernels run graph's float32 lnForward and lnBackward
// (graph/layernorm.go) on rows of d = 8·d8 elements, each element's
// arithmetic in the Go code's order and rounding; the row sums run 8 lanes
// at a time (then halves, pairs, neighbours), so they round differently from
// the Go loops but depend only on the row.

// blocks emits a loop over a row's d8 blocks, advancing ptrs 32 bytes each.
func blocks(name string, d8 reg.GPVirtual, ptrs []reg.GPVirtual, body func()) {
	cnt := build.GP64()
	build.MOVQ(d8, cnt)
	build.Label(name)
	body()
	for _, p := range ptrs {
		build.ADDQ(operand.Imm(32), p)
	}
	build.DECQ(cnt)
	build.JNZ(operand.LabelRef(name))
}

// lnForward emits func lnForwardAVX2(d8 int, x, gain, bias, y, mean, rstd *float32, rows int, inv, eps float32).
func lnForward() {
	const name = "lnForwardAVX2"
	build.TEXT(name, build.NOSPLIT, "func(d8 int, x, gain, bias, y, mean, rstd *float32, rows int, inv, eps float32)")
	build.Doc(name + " normalises rows rows of 8·d8 elements, writing y and each row's mean and 1/std.")
	regs := loadPtrs("d8", "x", "gain", "bias", "y", "mean", "rstd", "rows")
	d8, x, gain, bias, y, mean, rstd, rows := regs[0], regs[1], regs[2], regs[3], regs[4], regs[5], regs[6], regs[7]
	build.VBROADCASTSS(build.Load(build.Param("inv"), build.XMM()), reg.Y14)
	build.VBROADCASTSS(build.Load(build.Param("eps"), build.XMM()), reg.Y15)
	xp, gp, bp := build.GP64(), build.GP64(), build.GP64()
	build.TESTQ(rows, rows)
	build.JZ(operand.LabelRef(name + "_done"))
	build.Label(name + "_row")
	// mean
	build.MOVQ(x, xp)
	build.VXORPS(reg.Y8, reg.Y8, reg.Y8)
	blocks(name+"_sum", d8, []reg.GPVirtual{xp}, func() {
		build.VADDPS(operand.Mem{Base: xp}, reg.Y8, reg.Y8)
	})
	allLanes(build.VADDPS, reg.Y8, reg.Y0)
	build.VMULPS(reg.Y14, reg.Y8, reg.Y8) // m
	// variance and 1/std
	build.MOVQ(x, xp)
	build.VXORPS(reg.Y9, reg.Y9, reg.Y9)
	blocks(name+"_var", d8, []reg.GPVirtual{xp}, func() {
		build.VMOVUPS(operand.Mem{Base: xp}, reg.Y0)
		build.VSUBPS(reg.Y8, reg.Y0, reg.Y0)
		build.VMULPS(reg.Y0, reg.Y0, reg.Y0)
		build.VADDPS(reg.Y0, reg.Y9, reg.Y9)
	})
	allLanes(build.VADDPS, reg.Y9, reg.Y0)
	build.VMULPS(reg.Y14, reg.Y9, reg.Y9)
	build.VADDPS(reg.Y15, reg.Y9, reg.Y9)
	build.VSQRTPS(reg.Y9, reg.Y9)
	build.VMOVSS(reg.X8, operand.Mem{Base: mean})
	build.VPCMPEQD(reg.Y1, reg.Y1, reg.Y1)
	build.VPSRLD(operand.Imm(25), reg.Y1, reg.Y1)
	build.VPSLLD(operand.Imm(23), reg.Y1, reg.Y1) // 1.0f: 127 << 23
	build.VDIVPS(reg.Y9, reg.Y1, reg.Y9)          // s = 1/sqrt(v·inv + eps)
	build.VMOVSS(reg.X9, operand.Mem{Base: rstd})
	// y = (a−m)·s·gain + bias
	build.MOVQ(x, xp)
	build.MOVQ(gain, gp)
	build.MOVQ(bias, bp)
	blocks(name+"_out", d8, []reg.GPVirtual{xp, gp, bp, y}, func() {
		build.VMOVUPS(operand.Mem{Base: xp}, reg.Y0)
		build.VSUBPS(reg.Y8, reg.Y0, reg.Y0)
		build.VMULPS(reg.Y9, reg.Y0, reg.Y0)
		build.VMULPS(operand.Mem{Base: gp}, reg.Y0, reg.Y0)
		build.VADDPS(operand.Mem{Base: bp}, reg.Y0, reg.Y0)
		build.VMOVUPS(reg.Y0, operand.Mem{Base: y})
	})
	build.MOVQ(xp, x)
	build.ADDQ(operand.Imm(4), mean)
	build.ADDQ(operand.Imm(4), rstd)
	endRows(name, rows)
}

// lnBackward emits func lnBackwardAVX2(d8 int, x, gain, dy, mean, rstd, dx *float32, rows int, inv float32):
// the input gradient of each row (the parameter gradients are lnParamGrad's).
func lnBackward() {
	const name = "lnBackwardAVX2"
	build.TEXT(name, build.NOSPLIT, "func(d8 int, x, gain, dy, mean, rstd, dx *float32, rows int, inv float32)")
	build.Doc(name + " writes the input gradient of rows rows of 8·d8 elements into dx.")
	regs := loadPtrs("d8", "x", "gain", "dy", "mean", "rstd", "dx", "rows")
	d8, x, gain, dy, mean, rstd, dx, rows := regs[0], regs[1], regs[2], regs[3], regs[4], regs[5], regs[6], regs[7]
	build.VBROADCASTSS(build.Load(build.Param("inv"), build.XMM()), reg.Y14)
	xp, gp, dp := build.GP64(), build.GP64(), build.GP64()
	build.TESTQ(rows, rows)
	build.JZ(operand.LabelRef(name + "_done"))
	build.Label(name + "_row")
	build.VBROADCASTSS(operand.Mem{Base: mean}, reg.Y12) // m
	build.VBROADCASTSS(operand.Mem{Base: rstd}, reg.Y13) // s
	// Σ ĝ and Σ ĝ·(a−m)·s, ĝ = g·gain
	build.MOVQ(x, xp)
	build.MOVQ(gain, gp)
	build.MOVQ(dy, dp)
	build.VXORPS(reg.Y8, reg.Y8, reg.Y8)
	build.VXORPS(reg.Y9, reg.Y9, reg.Y9)
	blocks(name+"_sums", d8, []reg.GPVirtual{xp, gp, dp}, func() {
		build.VMOVUPS(operand.Mem{Base: dp}, reg.Y0)
		build.VMULPS(operand.Mem{Base: gp}, reg.Y0, reg.Y0) // ĝ
		build.VADDPS(reg.Y0, reg.Y8, reg.Y8)
		build.VMOVUPS(operand.Mem{Base: xp}, reg.Y1)
		build.VSUBPS(reg.Y12, reg.Y1, reg.Y1)
		build.VMULPS(reg.Y1, reg.Y0, reg.Y0)
		build.VMULPS(reg.Y13, reg.Y0, reg.Y0) // ĝ·(a−m)·s
		build.VADDPS(reg.Y0, reg.Y9, reg.Y9)
	})
	allLanes(build.VADDPS, reg.Y8, reg.Y0)
	allLanes(build.VADDPS, reg.Y9, reg.Y0)
	build.VMULPS(reg.Y14, reg.Y8, reg.Y8) // sg
	build.VMULPS(reg.Y14, reg.Y9, reg.Y9) // sgx
	// dx = s·(g·gain − sg − (a−m)·s·sgx)
	build.MOVQ(x, xp)
	build.MOVQ(gain, gp)
	build.MOVQ(dy, dp)
	blocks(name+"_dx", d8, []reg.GPVirtual{xp, gp, dp, dx}, func() {
		build.VMOVUPS(operand.Mem{Base: dp}, reg.Y0)
		build.VMULPS(operand.Mem{Base: gp}, reg.Y0, reg.Y0)
		build.VSUBPS(reg.Y8, reg.Y0, reg.Y0)
		build.VMOVUPS(operand.Mem{Base: xp}, reg.Y1)
		build.VSUBPS(reg.Y12, reg.Y1, reg.Y1)
		build.VMULPS(reg.Y13, reg.Y1, reg.Y1)
		build.VMULPS(reg.Y9, reg.Y1, reg.Y1)
		build.VSUBPS(reg.Y1, reg.Y0, reg.Y0)
		build.VMULPS(reg.Y0, reg.Y13, reg.Y0)
		build.VMOVUPS(reg.Y0, operand.Mem{Base: dx})
	})
	build.MOVQ(xp, x)
	build.MOVQ(dp, dy)
	build.ADDQ(operand.Imm(4), mean)
	build.ADDQ(operand.Imm(4), rstd)
	endRows(name, rows)
}

// lnParamGrad emits func lnParamGradAVX2(n8 int, x, dy, mean, rstd, dGain, dBias *float32, ld, rows int):
// for 8·n8 columns, dGain += g·(a−m)·s and dBias += g over rows rows (ld
// apart), in row order, as lnBackward's serial loop does, the same bits.
func lnParamGrad() {
	const name = "lnParamGradAVX2"
	build.TEXT(name, build.NOSPLIT, "func(n8 int, x, dy, mean, rstd, dGain, dBias *float32, ld, rows int)")
	build.Doc(name + " adds the layer-norm parameter gradients of rows rows to dGain and dBias, 8·n8 columns.")
	regs := loadPtrs("n8", "x", "dy", "mean", "rstd", "dGain", "dBias", "ld", "rows")
	n8, x, dy, mean, rstd, dGain, dBias, ld, rows := regs[0], regs[1], regs[2], regs[3], regs[4], regs[5], regs[6], regs[7], regs[8]
	build.SHLQ(operand.Imm(2), ld)
	xp, dp, mp, sp, cnt := build.GP64(), build.GP64(), build.GP64(), build.GP64(), build.GP64()
	build.TESTQ(rows, rows)
	build.JZ(operand.LabelRef(name + "_done"))
	build.TESTQ(n8, n8)
	build.JZ(operand.LabelRef(name + "_done"))
	build.Label(name + "_col")
	build.VMOVUPS(operand.Mem{Base: dGain}, reg.Y8)
	build.VMOVUPS(operand.Mem{Base: dBias}, reg.Y9)
	build.MOVQ(x, xp)
	build.MOVQ(dy, dp)
	build.MOVQ(mean, mp)
	build.MOVQ(rstd, sp)
	build.MOVQ(rows, cnt)
	build.Label(name + "_row")
	build.VMOVUPS(operand.Mem{Base: dp}, reg.Y0)
	build.VADDPS(reg.Y0, reg.Y9, reg.Y9) // dBias += g
	build.VBROADCASTSS(operand.Mem{Base: mp}, reg.Y2)
	build.VMOVUPS(operand.Mem{Base: xp}, reg.Y1)
	build.VSUBPS(reg.Y2, reg.Y1, reg.Y1)
	build.VMULPS(reg.Y1, reg.Y0, reg.Y0) // g·(a−m)
	build.VBROADCASTSS(operand.Mem{Base: sp}, reg.Y2)
	build.VMULPS(reg.Y2, reg.Y0, reg.Y0)
	build.VADDPS(reg.Y0, reg.Y8, reg.Y8)
	build.ADDQ(ld, xp)
	build.ADDQ(ld, dp)
	build.ADDQ(operand.Imm(4), mp)
	build.ADDQ(operand.Imm(4), sp)
	build.DECQ(cnt)
	build.JNZ(operand.LabelRef(name + "_row"))
	build.VMOVUPS(reg.Y8, operand.Mem{Base: dGain})
	build.VMOVUPS(reg.Y9, operand.Mem{Base: dBias})
	for _, p := range []reg.GPVirtual{x, dy, dGain, dBias} {
		build.ADDQ(operand.Imm(32), p)
	}
	build.DECQ(n8)
	build.JNZ(operand.LabelRef(name + "_col"))
	done(name)
}
