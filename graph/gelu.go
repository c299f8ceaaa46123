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
	x, err := dense("GELU", in[0])
	if err != nil {
		return nil, err
	}
	out := newLike(x, x.Shape()...)
	switch xs := x.Data().(type) {
	case []float64:
		geluForward(xs, out.Data().([]float64))
	case []float32:
		geluForward(xs, out.Data().([]float32))
	default:
		return nil, fmt.Errorf("GELU: unsupported dtype %v", x.Dtype())
	}
	return out, nil
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
	x, err := dense("GELUGrad", in[0])
	if err != nil {
		return nil, err
	}
	dy, err := dense("GELUGrad", in[1])
	if err != nil {
		return nil, err
	}
	out := newLike(x, x.Shape()...)
	switch xs := x.Data().(type) {
	case []float64:
		geluBackward(xs, dy.Data().([]float64), out.Data().([]float64))
	case []float32:
		geluBackward(xs, dy.Data().([]float32), out.Data().([]float32))
	default:
		return nil, fmt.Errorf("GELUGrad: unsupported dtype %v", x.Dtype())
	}
	return out, nil
}

func geluForward[T Float](x, y []T) {
	for i, v := range x {
		f := float64(v)
		y[i] = T(0.5 * f * (1 + math.Erf(f/math.Sqrt2)))
	}
}

func geluBackward[T Float](x, dy, dx []T) {
	const invSqrt2Pi = 0.3989422804014327 // 1/√(2π)
	for i, v := range x {
		f := float64(v)
		cdf := 0.5 * (1 + math.Erf(f/math.Sqrt2))
		pdf := invSqrt2Pi * math.Exp(-0.5*f*f)
		dx[i] = T(float64(dy[i]) * (cdf + f*pdf))
	}
}
