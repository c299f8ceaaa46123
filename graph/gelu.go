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
// gradient, Φ(x) + x·φ(x), is a second custom op.
func (g *Graph) GELU(x *gorgonia.Node) (*gorgonia.Node, error) {
	return gorgonia.ApplyOp(geluOp{opBase{fmt.Sprintf("GELU{%d}", x.Dims()), 1}, x.Dims()}, x)
}

type geluOp struct {
	opBase
	dims int
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
		parallel(len(xs), 1, func(lo, hi int) { gelu64(xs[lo:hi], ys[lo:hi]) })
	case tensor.Float32:
		xs := x.Float32s()
		ys := y.Float32s()
		parallel(len(xs), 1, func(lo, hi int) { gelu32(xs[lo:hi], ys[lo:hi]) })
	default:
		return nil, fmt.Errorf("%s: unsupported dtype %v", op.name, x.Dtype())
	}
	return y, nil
}

func (op geluOp) DiffWRT(int) []bool { return []bool{true} }

func (op geluOp) SymDiff(in gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dx, err := gorgonia.ApplyOp(geluGradOp{opBase{fmt.Sprintf("GELUGrad{%d}", op.dims), 2}, op.dims}, in[0], grad)
	return gorgonia.Nodes{dx}, err
}

// geluGradOp computes dy·(Φ(x) + x·φ(x)) from x and the incoming gradient dy.
type geluGradOp struct {
	opBase
	dims int
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
		dys, dxs := dy.Float64s(), dx.Float64s()
		parallel(len(xs), 2, func(lo, hi int) { gelu64Backward(xs[lo:hi], dys[lo:hi], dxs[lo:hi]) })
	case tensor.Float32:
		xs := x.Float32s()
		dys, dxs := dy.Float32s(), dx.Float32s()
		parallel(len(xs), 2, func(lo, hi int) { gelu32Backward(xs[lo:hi], dys[lo:hi], dxs[lo:hi]) })
	default:
		return nil, fmt.Errorf("%s: unsupported dtype %v", op.name, x.Dtype())
	}
	return dx, nil
}

// invSqrt2Pi is 1/√(2π), the Gaussian density's constant.
const invSqrt2Pi = 0.3989422804014327

// gelu64 is the exact reference: x·(1+erf(x/√2))/2 with math.Erf.
func gelu64(x, y []float64) {
	for i, v := range x {
		y[i] = 0.5 * v * (1 + math.Erf(v/math.Sqrt2))
	}
}

// gelu64Backward is dy·(Φ(x) + x·φ(x)).
func gelu64Backward(x, dy, dx []float64) {
	for i, v := range x {
		cdf := 0.5 * (1 + math.Erf(v/math.Sqrt2))
		pdf := invSqrt2Pi * math.Exp(-0.5*v*v)
		dx[i] = dy[i] * (cdf + v*pdf)
	}
}

// gelu32 is the same formula in float32 arithmetic, with erf32.
func gelu32(x, y []float32) {
	for i, v := range x {
		y[i] = 0.5 * v * (1 + erf32(v*(1/math.Sqrt2)))
	}
}

// gelu32Backward is dy·(Φ(x) + x·φ(x)) in float32, with erf32 and exp32.
func gelu32Backward(x, dy, dx []float32) {
	for i, v := range x {
		cdf := 0.5 * (1 + erf32(v*(1/math.Sqrt2)))
		pdf := invSqrt2Pi * exp32(-0.5*v*v)
		dx[i] = dy[i] * (cdf + v*pdf)
	}
}
