package main

import (
	"fmt"

	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// adam emits func adamAVX2(n8 int, w, g, m, v *float32, k *[8]float32, mode int):
// optim's float32 Adam/AdamW update (optim/adam.go) on n8 blocks of 8, each
// operation in the Go code's order and rounding (VSQRTPS and VDIVPS are
// correctly rounded, as is the Go code's float64 root rounded to float32),
// so the same bits. k holds w1 = 1−β1 (the lerp form for w1 < 0.5), β2,
// 1−β2, √(1−β2^t), eps, −lr/(1−β1^t), 1−lr·wd and wd; mode is 0 (no decay),
// 1 (decoupled: w ·= 1−lr·wd) or 2 (L2: g += wd·w).
// adam512 (lanes 16) is the same on n16 blocks of 16 in AVX-512 registers:
// every operation lane by lane, so the same bits.
func adam(lanes int) {
	name, n, doc, vec := "adamAVX2", "n8", " applies one Adam step to n8 blocks of 8 parameters.", ymm
	if lanes == 16 {
		name, n, doc, vec = "adam512", "n16", " applies one Adam step to n16 blocks of 16 parameters (AVX-512).", zmm
	}
	build.TEXT(name, build.NOSPLIT, "func("+n+" int, w, grad, m, v *float32, k *[8]float32, mode int)")
	build.Doc(name + doc)
	build.Pragma("noescape") // k is AdamPrefix's local array: no heap copy per call
	regs := loadPtrs(n, "w", "grad", "m", "v", "k", "mode")
	n8, w, g, m, v, k, mode := regs[0], regs[1], regs[2], regs[3], regs[4], regs[5], regs[6]
	W1, B2, W2, BC2, EPS, NEG, SHRINK, WD := vec[8], vec[9], vec[10], vec[11], vec[12], vec[13], vec[14], vec[15]
	Y0, Y1, Y2, Y3, Y4 := vec[0], vec[1], vec[2], vec[3], vec[4]
	for i, r := range []reg.VecPhysical{W1, B2, W2, BC2, EPS, NEG, SHRINK, WD} {
		build.VBROADCASTSS(operand.Mem{Base: k, Disp: 4 * i}, r)
	}
	build.TESTQ(n8, n8)
	build.JZ(operand.LabelRef(name + "_done"))
	build.CMPQ(mode, operand.Imm(1))
	build.JEQ(operand.LabelRef(name + "_loop1"))
	build.CMPQ(mode, operand.Imm(2))
	build.JEQ(operand.LabelRef(name + "_loop2"))
	for mo := 0; mo < 3; mo++ {
		loop := fmt.Sprintf("%s_loop%d", name, mo)
		build.Label(loop)
		build.VMOVUPS(operand.Mem{Base: w}, Y0)
		build.VMOVUPS(operand.Mem{Base: g}, Y1)
		switch mo {
		case 1:
			build.VMULPS(SHRINK, Y0, Y0) // w·(1−lr·wd)
		case 2:
			build.VMULPS(WD, Y0, Y2)
			build.VADDPS(Y2, Y1, Y1) // g + wd·w
		}
		build.VMOVUPS(operand.Mem{Base: m}, Y2)
		build.VSUBPS(Y2, Y1, Y3) // g − m
		build.VMULPS(W1, Y3, Y3)
		build.VADDPS(Y3, Y2, Y2) // m + w1·(g − m)
		build.VMOVUPS(Y2, operand.Mem{Base: m})
		build.VMOVUPS(operand.Mem{Base: v}, Y3)
		build.VMULPS(B2, Y3, Y3) // v·β2
		build.VMULPS(W2, Y1, Y4) // (1−β2)·g
		build.VMULPS(Y1, Y4, Y4) // ·g
		build.VADDPS(Y4, Y3, Y3)
		build.VMOVUPS(Y3, operand.Mem{Base: v})
		build.VSQRTPS(Y3, Y3)
		build.VDIVPS(BC2, Y3, Y3)
		build.VADDPS(EPS, Y3, Y3) // denom
		build.VMULPS(NEG, Y2, Y2) // −step·m
		build.VDIVPS(Y3, Y2, Y2)  // / denom
		build.VADDPS(Y2, Y0, Y0)
		build.VMOVUPS(Y0, operand.Mem{Base: w})
		for _, p := range []reg.Register{w, g, m, v} {
			build.ADDQ(operand.Imm(uint64(4*lanes)), p)
		}
		build.DECQ(n8)
		build.JNZ(operand.LabelRef(loop))
		build.JMP(operand.LabelRef(name + "_done"))
	}
	done(name)
}
