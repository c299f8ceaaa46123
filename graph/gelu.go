package graph

import (
	"fmt"
	"math"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// GELU applies the exact Gaussian error linear unit, x·Φ(x) = x·(1+erf(x/√2))/2,
// PyTorch's default form. gorgonia has no erf, so this is a custom op whose
// gradient, Φ(x) + x·φ(x), is a second custom op; the forward op keeps Φ(x)
// for it. In float64 erf is math.Erf; in float32 it is erf32, float32
// arithmetic throughout.
func (g *Graph) GELU(x *gorgonia.Node) (*gorgonia.Node, error) {
	g.nOps++
	return gorgonia.ApplyOp(geluOp{opBase{fmt.Sprintf("GELU#%d{%d}", g.nOps, x.Dims()), 1}, x.Dims(), &geluState{}}, x)
}

// geluState is Φ(x) from the forward pass, for the backward one.
type geluState struct {
	cdf32 []float32
	cdf64 []float64
}

type geluOp struct {
	opBase
	dims int
	st   *geluState
}

func (op geluOp) Type() hm.Type { return fnType(tt(op.dims), op.dims) }

func (op geluOp) InferShape(in ...gorgonia.DimSizer) (tensor.Shape, error) {
	return in[0].(tensor.Shape).Clone(), nil
}

func (op geluOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

// UsePreallocDo writes into out when gorgonia hands a buffer (nil: allocate).
func (op geluOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	x, y, err := outLike(op.name, out, in[0])
	if err != nil {
		return nil, err
	}
	switch x.Dtype() {
	case tensor.Float64:
		xs := x.Float64s()
		ys := y.Float64s()
		op.st.cdf64 = grow(op.st.cdf64, len(xs))
		cdf := op.st.cdf64
		parallel(len(xs), 1, func(lo, hi int) { gelu64(xs[lo:hi], ys[lo:hi], cdf[lo:hi]) })
	case tensor.Float32:
		xs := x.Float32s()
		ys := y.Float32s()
		op.st.cdf32 = grow(op.st.cdf32, len(xs))
		cdf := op.st.cdf32
		parallel(len(xs), 1, func(lo, hi int) { gelu32(xs[lo:hi], ys[lo:hi], cdf[lo:hi]) })
	default:
		return nil, fmt.Errorf("%s: unsupported dtype %v", op.name, x.Dtype())
	}
	return y, nil
}

func (op geluOp) DiffWRT(int) []bool { return []bool{true} }

func (op geluOp) SymDiff(in gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dx, err := gorgonia.ApplyOp(geluGradOp{opBase{"Grad" + op.name, 2}, op.dims, op.st}, in[0], grad)
	return gorgonia.Nodes{dx}, err
}

// geluGradOp computes dy·(Φ(x) + x·φ(x)) from x, the kept Φ(x) and the
// incoming gradient dy.
type geluGradOp struct {
	opBase
	dims int
	st   *geluState
}

func (op geluGradOp) Type() hm.Type { return fnType(tt(op.dims), op.dims, op.dims) }

func (op geluGradOp) InferShape(in ...gorgonia.DimSizer) (tensor.Shape, error) {
	return in[0].(tensor.Shape).Clone(), nil
}

func (op geluGradOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

// UsePreallocDo writes into out when gorgonia hands a buffer (nil: allocate).
func (op geluGradOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	x, dx, err := outLike(op.name, out, in[0])
	if err != nil {
		return nil, err
	}
	dy, err := dense(op.name, in[1])
	if err != nil {
		return nil, err
	}
	switch x.Dtype() {
	case tensor.Float64:
		xs := x.Float64s()
		dys, dxs, cdf := dy.Float64s(), dx.Float64s(), op.st.cdf64
		if len(cdf) != len(xs) {
			return nil, fmt.Errorf("%s: backward before forward", op.name)
		}
		parallel(len(xs), 2, func(lo, hi int) { gelu64Backward(xs[lo:hi], cdf[lo:hi], dys[lo:hi], dxs[lo:hi]) })
	case tensor.Float32:
		xs := x.Float32s()
		dys, dxs, cdf := dy.Float32s(), dx.Float32s(), op.st.cdf32
		if len(cdf) != len(xs) {
			return nil, fmt.Errorf("%s: backward before forward", op.name)
		}
		parallel(len(xs), 2, func(lo, hi int) { gelu32Backward(xs[lo:hi], cdf[lo:hi], dys[lo:hi], dxs[lo:hi]) })
	default:
		return nil, fmt.Errorf("%s: unsupported dtype %v", op.name, x.Dtype())
	}
	return dx, nil
}

// invSqrt2Pi is 1/√(2π), the Gaussian density's constant.
const invSqrt2Pi = 0.3989422804014327

// gelu64 is the exact reference: Φ(x) = (1+erf(x/√2))/2 with math.Erf, y = x·Φ(x).
func gelu64(x, y, cdf []float64) {
	for i, v := range x {
		cdf[i] = 0.5 * (1 + math.Erf(v/math.Sqrt2))
		y[i] = v * cdf[i]
	}
}

// gelu64Backward is dy·(Φ(x) + x·φ(x)).
func gelu64Backward(x, cdf, dy, dx []float64) {
	for i, v := range x {
		pdf := invSqrt2Pi * math.Exp(-0.5*v*v)
		dx[i] = dy[i] * (cdf[i] + v*pdf)
	}
}

// gelu32 is the same formula in float32 arithmetic, with erf32.
func gelu32(x, y, cdf []float32) {
	for i, v := range x {
		cdf[i] = 0.5 * (1 + erf32(v*(1/math.Sqrt2)))
		y[i] = v * cdf[i]
	}
}

// gelu32Backward is dy·(Φ(x) + x·φ(x)) in float32, with exp32.
func gelu32Backward(x, cdf, dy, dx []float32) {
	for i, v := range x {
		pdf := invSqrt2Pi * exp32(-0.5*v*v)
		dx[i] = dy[i] * (cdf[i] + v*pdf)
	}
}
