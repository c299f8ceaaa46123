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
func adam() {
	const name = "adamAVX2"
	build.TEXT(name, build.NOSPLIT, "func(n8 int, w, grad, m, v *float32, k *[8]float32, mode int)")
	build.Doc(name + " applies one Adam step to n8 blocks of 8 parameters.")
	regs := loadPtrs("n8", "w", "grad", "m", "v", "k", "mode")
	n8, w, g, m, v, k, mode := regs[0], regs[1], regs[2], regs[3], regs[4], regs[5], regs[6]
	W1, B2, W2, BC2, EPS, NEG, SHRINK, WD := reg.Y8, reg.Y9, reg.Y10, reg.Y11, reg.Y12, reg.Y13, reg.Y14, reg.Y15
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
		build.VMOVUPS(operand.Mem{Base: w}, reg.Y0)
		build.VMOVUPS(operand.Mem{Base: g}, reg.Y1)
		switch mo {
		case 1:
			build.VMULPS(SHRINK, reg.Y0, reg.Y0) // w·(1−lr·wd)
		case 2:
			build.VMULPS(WD, reg.Y0, reg.Y2)
			build.VADDPS(reg.Y2, reg.Y1, reg.Y1) // g + wd·w
		}
		build.VMOVUPS(operand.Mem{Base: m}, reg.Y2)
		build.VSUBPS(reg.Y2, reg.Y1, reg.Y3) // g − m
		build.VMULPS(W1, reg.Y3, reg.Y3)
		build.VADDPS(reg.Y3, reg.Y2, reg.Y2) // m + w1·(g − m)
		build.VMOVUPS(reg.Y2, operand.Mem{Base: m})
		build.VMOVUPS(operand.Mem{Base: v}, reg.Y3)
		build.VMULPS(B2, reg.Y3, reg.Y3)     // v·β2
		build.VMULPS(W2, reg.Y1, reg.Y4)     // (1−β2)·g
		build.VMULPS(reg.Y1, reg.Y4, reg.Y4) // ·g
		build.VADDPS(reg.Y4, reg.Y3, reg.Y3)
		build.VMOVUPS(reg.Y3, operand.Mem{Base: v})
		build.VSQRTPS(reg.Y3, reg.Y3)
		build.VDIVPS(BC2, reg.Y3, reg.Y3)
		build.VADDPS(EPS, reg.Y3, reg.Y3)    // denom
		build.VMULPS(NEG, reg.Y2, reg.Y2)    // −step·m
		build.VDIVPS(reg.Y3, reg.Y2, reg.Y2) // / denom
		build.VADDPS(reg.Y2, reg.Y0, reg.Y0)
		build.VMOVUPS(reg.Y0, operand.Mem{Base: w})
		for _, p := range []reg.Register{w, g, m, v} {
			build.ADDQ(operand.Imm(32), p)
		}
		build.DECQ(n8)
		build.JNZ(operand.LabelRef(loop))
		build.JMP(operand.LabelRef(name + "_done"))
	}
	done(name)
}
