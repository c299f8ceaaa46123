package main

import (
	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// transpose emits func transposeAVX2(rows8, cols8 int, src *float32, lds int, dst *float32, ldd int):
// dst[c·ldd + r] = src[r·lds + c] for r < 8·rows8 and c < 8·cols8, one 8×8
// block at a time in registers (unpack, shuffle, then swap 128-bit halves).
// It packs the transposed operands of small products (kernels/small.go).
func transpose() {
	const name = "transposeAVX2"
	build.TEXT(name, build.NOSPLIT, "func(rows8, cols8 int, src *float32, lds int, dst *float32, ldd int)")
	build.Doc(name + " writes the transpose of an 8·rows8 × 8·cols8 block of src (rows lds apart) into dst (rows ldd apart).")
	regs := loadPtrs("rows8", "cols8", "src", "lds", "dst", "ldd")
	rows8, cols8, src, lds, dst, ldd := regs[0], regs[1], regs[2], regs[3], regs[4], regs[5]
	build.SHLQ(operand.Imm(2), lds)
	build.SHLQ(operand.Imm(2), ldd)
	// Eight rows of src or dst start at p, p+ld, …; rowStep moves p 8 rows on.
	lds3, ldd3 := build.GP64(), build.GP64()
	build.LEAQ(operand.Mem{Base: lds, Index: lds, Scale: 2}, lds3)
	build.LEAQ(operand.Mem{Base: ldd, Index: ldd, Scale: 2}, ldd3)
	rowAddr := func(base, ld, ld3 reg.GPVirtual, r int) operand.Mem {
		// rows 0-3 from base, rows 4-7 from base + 4·ld (in hi)
		switch r % 4 {
		case 0:
			return operand.Mem{Base: base}
		case 1:
			return operand.Mem{Base: base, Index: ld, Scale: 1}
		case 2:
			return operand.Mem{Base: base, Index: ld, Scale: 2}
		}
		return operand.Mem{Base: base, Index: ld3, Scale: 1}
	}
	in := []reg.VecPhysical{reg.Y0, reg.Y1, reg.Y2, reg.Y3, reg.Y4, reg.Y5, reg.Y6, reg.Y7}
	t := []reg.VecPhysical{reg.Y8, reg.Y9, reg.Y10, reg.Y11, reg.Y12, reg.Y13, reg.Y14, reg.Y15}
	sRow, dCol, s, s4, d, d4, cnt := build.GP64(), build.GP64(), build.GP64(), build.GP64(), build.GP64(), build.GP64(), build.GP64()
	build.TESTQ(rows8, rows8)
	build.JZ(operand.LabelRef(name + "_done"))
	build.TESTQ(cols8, cols8)
	build.JZ(operand.LabelRef(name + "_done"))
	build.MOVQ(src, sRow)
	build.MOVQ(dst, dCol)
	build.Label(name + "_rows")
	build.MOVQ(sRow, s)
	build.MOVQ(dCol, d)
	build.MOVQ(cols8, cnt)
	build.Label(name + "_block")
	build.LEAQ(operand.Mem{Base: s, Index: lds, Scale: 4}, s4)
	for r := 0; r < 8; r++ {
		base := s
		if r >= 4 {
			base = s4
		}
		build.VMOVUPS(rowAddr(base, lds, lds3, r), in[r])
	}
	for i := 0; i < 8; i += 2 {
		build.VUNPCKLPS(in[i+1], in[i], t[i])
		build.VUNPCKHPS(in[i+1], in[i], t[i+1])
	}
	// tt[0..3] from rows 0-3, tt[4..7] from rows 4-7, into in[].
	for h := 0; h < 8; h += 4 {
		build.VSHUFPS(operand.Imm(0x44), t[h+2], t[h], in[h])
		build.VSHUFPS(operand.Imm(0xee), t[h+2], t[h], in[h+1])
		build.VSHUFPS(operand.Imm(0x44), t[h+3], t[h+1], in[h+2])
		build.VSHUFPS(operand.Imm(0xee), t[h+3], t[h+1], in[h+3])
	}
	for c := 0; c < 4; c++ {
		build.VPERM2F128(operand.Imm(0x20), in[c+4], in[c], t[c])
		build.VPERM2F128(operand.Imm(0x31), in[c+4], in[c], t[c+4])
	}
	build.LEAQ(operand.Mem{Base: d, Index: ldd, Scale: 4}, d4)
	for c := 0; c < 8; c++ {
		base := d
		if c >= 4 {
			base = d4
		}
		build.VMOVUPS(t[c], rowAddr(base, ldd, ldd3, c))
	}
	build.ADDQ(operand.Imm(32), s)                             // 8 columns of src on
	build.LEAQ(operand.Mem{Base: d4, Index: ldd, Scale: 4}, d) // 8 rows of dst on
	build.DECQ(cnt)
	build.JNZ(operand.LabelRef(name + "_block"))
	build.LEAQ(operand.Mem{Base: sRow, Index: lds, Scale: 8}, sRow) // 8 rows of src on
	build.ADDQ(operand.Imm(32), dCol)                               // 8 columns of dst on
	build.DECQ(rows8)
	build.JNZ(operand.LabelRef(name + "_rows"))
	done(name)
}
