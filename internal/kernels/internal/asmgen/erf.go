package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"strconv"

	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// erfSource holds erf32 and its Chebyshev coefficients (erfSmall, erfBig),
// read from there so that they have one home.
const erfSource = "../../../../graph/erf32.go"

// erfCoefficients parses the float32 tables erfSmall and erfBig.
func erfCoefficients() (small []float32, big [][]float32) {
	f, err := parser.ParseFile(token.NewFileSet(), erfSource, nil, 0)
	if err != nil {
		panic(err)
	}
	lits := func(e ast.Expr) []float32 {
		var v []float32
		for _, el := range e.(*ast.CompositeLit).Elts {
			sign := 1.0
			if u, ok := el.(*ast.UnaryExpr); ok && u.Op == token.SUB {
				sign, el = -1, u.X
			}
			x, err := strconv.ParseFloat(el.(*ast.BasicLit).Value, 32)
			if err != nil {
				panic(err)
			}
			v = append(v, float32(sign*x))
		}
		return v
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if s, ok := n.(*ast.ValueSpec); ok && len(s.Values) == 1 {
			switch s.Names[0].Name {
			case "erfSmall":
				small = lits(s.Values[0])
			case "erfBig":
				for _, row := range s.Values[0].(*ast.CompositeLit).Elts {
					big = append(big, lits(row))
				}
			}
		}
		return true
	})
	if len(small) == 0 || len(big) != 3 {
		panic(fmt.Sprintf("%s: erfSmall/erfBig not found", erfSource))
	}
	return small, big
}

// erfCode evaluates erf32 on eight lanes; its constants are emitted once.
type erfCode struct {
	abs, signBit, one, bound1, bound4 operand.Mem
	// rows[j] holds coefficient j of every interval's Chebyshev sum, one
	// lane per interval index: 0 for |x| < 1 (0 past its last), 1-3 for
	// [1,2), [2,3), [3,4), and [3,4)'s again in lanes 4-7 (never used:
	// those lanes are blended away). offsets holds 2i+1 the same way.
	rows    []operand.Mem
	offsets operand.Mem
}

// newErfCode emits erf32's constants (graph/erf32.go).
func newErfCode() *erfCode {
	small, big := erfCoefficients()
	tab := build.GLOBL("erfConsts", build.RODATA|build.NOPTR)
	var n int
	lanes := func(v [8]float32) operand.Mem {
		for l, x := range v {
			build.DATA(32*n+4*l, operand.U32(math.Float32bits(x)))
		}
		n++
		return tab.Offset(32 * (n - 1))
	}
	bits := func(b uint32) operand.Mem {
		v := math.Float32frombits(b)
		return lanes([8]float32{v, v, v, v, v, v, v, v})
	}
	f := func(v float32) operand.Mem { return lanes([8]float32{v, v, v, v, v, v, v, v}) }
	e := &erfCode{abs: bits(0x7fffffff), signBit: bits(0x80000000), one: f(1), bound1: f(1), bound4: f(4)}
	deg := len(big[0])
	for _, b := range big {
		if len(b) != deg || len(small) > deg {
			panic("erf: the interval tables must have one length, the small one no longer")
		}
	}
	for j := 0; j < deg; j++ {
		var row [8]float32
		if j < len(small) {
			row[0] = small[j]
		}
		for l := 1; l < 8; l++ {
			row[l] = big[min(l, 3)-1][j]
		}
		e.rows = append(e.rows, lanes(row))
	}
	e.offsets = lanes([8]float32{0, 3, 5, 7, 7, 7, 7, 7})
	return e
}

// erfRegs are the registers erfCode.emit uses: X holds the argument and RES
// receives erf; the others are scratch.
var erfX, erfRES = reg.Y0, reg.Y7

// emit sets RES (Y7) to erf32(X) (Y0), erf32 step for step. Each lane picks
// its interval's coefficients (VPERMPS by the truncated |x|) and runs one
// Clenshaw sum, each multiply and add rounded on its own; |x| < 1 runs on
// 2x²-1 (its table is shorter: the leading zero steps leave exactly 0, so the
// sum starts as erf32's does), the others on 2|x|-(2i+1). ±1 from 4 on, NaN
// passes through. It overwrites Y0-Y12.
func (e *erfCode) emit() {
	X, A, U, T, B1, B2, TMP, RES := erfX, reg.Y1, reg.Y2, reg.Y3, reg.Y4, reg.Y5, reg.Y6, erfRES
	IDX, M, C := reg.Y8, reg.Y9, reg.Y10
	build.VANDPS(e.abs, X, A)
	build.VCVTTPS2DQ(A, IDX) // interval index: 0, 1, 2, 3, more
	// u: 2x·x − 1 below 1, 2a − (2i+1) from 1 on.
	build.VADDPS(X, X, U)
	build.VMULPS(X, U, U)
	build.VSUBPS(e.one, U, U)
	build.VADDPS(A, A, TMP)
	build.VPERMPS(e.offsets, IDX, C)
	build.VSUBPS(C, TMP, TMP)
	build.VCMPPS(operand.Imm(1), e.bound1, A, M) // a < 1
	build.VBLENDVPS(M, U, TMP, U)
	build.VADDPS(U, U, T) // 2u
	last := len(e.rows) - 1
	build.VPERMPS(e.rows[last], IDX, B1)
	build.VXORPS(B2, B2, B2)
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
	build.VADDPS(C, RES, RES)                      // the interval's sum
	build.VMULPS(RES, X, C)                        // x·p(x²) below 1
	build.VCMPPS(operand.Imm(5), e.bound4, A, TMP) // not a < 4
	build.VBLENDVPS(TMP, e.one, RES, RES)          // 1 from 4 on
	build.VANDPS(e.signBit, X, TMP)
	build.VORPS(TMP, RES, RES) // the sign of x from 1 on
	build.VBLENDVPS(M, C, RES, RES)
	build.VCMPPS(operand.Imm(3), A, A, M) // NaN
	build.VBLENDVPS(M, X, RES, RES)
}

// erf emits func erfAVX2(n8 int, x *float32): x[i] = erf32(x[i]) for n8
// blocks of 8.
func erf(e *erfCode) {
	const name = "erfAVX2"
	build.TEXT(name, build.NOSPLIT, "func(n8 int, x *float32)")
	build.Doc(name + " sets x[i] to erf32(x[i]) for n8 blocks of 8 elements.")
	n8 := build.Load(build.Param("n8"), build.GP64())
	x := build.Load(build.Param("x"), build.GP64())
	beginBlocks(name, n8)
	build.VMOVUPS(operand.Mem{Base: x}, erfX)
	e.emit()
	build.VMOVUPS(erfRES, operand.Mem{Base: x})
	endBlocks(name, x, n8)
}
