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
const erfSource = "../../../graph/erf32.go"

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
	abs, signBit, one operand.Mem
	sets              [][]operand.Mem // Chebyshev coefficients: |x| < 1, then [1,2), [2,3), [3,4)
	bounds, offsets   []operand.Mem
}

// newErfCode emits erf32's constants (graph/erf32.go), 8 lanes each, so that
// they serve as memory operands.
func newErfCode() *erfCode {
	small, big := erfCoefficients()
	tab := build.GLOBL("erfConsts", build.RODATA|build.NOPTR)
	var n int
	konst := func(bits uint32) operand.Mem {
		for l := 0; l < 8; l++ {
			build.DATA(32*n+4*l, operand.U32(bits))
		}
		n++
		return tab.Offset(32 * (n - 1))
	}
	f := func(v float32) operand.Mem { return konst(math.Float32bits(v)) }
	e := &erfCode{abs: konst(0x7fffffff), signBit: konst(0x80000000), one: f(1)}
	for _, s := range append([][]float32{small}, big...) {
		var c []operand.Mem
		for _, v := range s {
			c = append(c, f(v))
		}
		e.sets = append(e.sets, c)
	}
	e.bounds = []operand.Mem{f(1), f(2), f(3), f(4)}
	e.offsets = []operand.Mem{f(3), f(5), f(7)}
	return e
}

// erfRegs are the registers erfCode.emit uses: X holds the argument and RES
// receives erf; the others are scratch.
var erfX, erfRES = reg.Y0, reg.Y7

// emit sets RES (Y7) to erf32(X) (Y0), erf32 step for step: every lane
// evaluates the four Clenshaw sums (|x| < 1 on 2x²-1, then [1,2), [2,3),
// [3,4) on 2|x|-(2i+1)), each multiply and add rounded on its own, and the
// lane's own interval is blended in; ±1 from 4 on, NaN passes through.
// It overwrites Y0-Y12.
func (e *erfCode) emit() {
	X, A, U, T, B1, B2, TMP, RES := erfX, reg.Y1, reg.Y2, reg.Y3, reg.Y4, reg.Y5, reg.Y6, erfRES
	R := []reg.VecPhysical{reg.Y8, reg.Y9, reg.Y10, reg.Y11}
	M := reg.Y12
	build.VANDPS(e.abs, X, A)
	for i, c := range e.sets {
		if i == 0 {
			build.VADDPS(X, X, U) // 2x
			build.VMULPS(X, U, U) // (2x)·x
			build.VSUBPS(e.one, U, U)
		} else {
			build.VADDPS(A, A, U) // 2a
			build.VSUBPS(e.offsets[i-1], U, U)
		}
		build.VADDPS(U, U, T) // 2u
		// Clenshaw: the first step from b1 = b2 = 0 gives exactly c[last].
		last := len(c) - 1
		build.VMOVUPS(c[last], B1)
		build.VXORPS(B2, B2, B2)
		b1, b2, tmp := B1, B2, TMP
		for j := last - 1; j >= 1; j-- {
			build.VMULPS(b1, T, tmp)
			build.VSUBPS(b2, tmp, tmp)
			build.VADDPS(c[j], tmp, tmp)
			b1, b2, tmp = tmp, b1, b2
		}
		build.VMULPS(b1, U, R[i])
		build.VSUBPS(b2, R[i], R[i])
		build.VADDPS(c[0], R[i], R[i])
	}
	build.VMULPS(X, R[0], R[0]) // x·p(x²) below 1
	build.VMOVUPS(e.one, RES)
	for i := 3; i >= 1; i-- {
		build.VCMPPS(operand.Imm(1), e.bounds[i], A, M) // a < i+1
		build.VBLENDVPS(M, R[i], RES, RES)
	}
	build.VANDPS(e.signBit, X, TMP)
	build.VORPS(TMP, RES, RES) // the sign of x from 1 on
	build.VCMPPS(operand.Imm(1), e.bounds[0], A, M)
	build.VBLENDVPS(M, R[0], RES, RES)
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
	build.TESTQ(n8, n8)
	build.JZ(operand.LabelRef(name + "_done"))
	build.Label(name + "_loop")
	build.VMOVUPS(operand.Mem{Base: x}, erfX)
	e.emit()
	build.VMOVUPS(erfRES, operand.Mem{Base: x})
	endBlocks(name, x, n8)
}
