package graph

import (
	"fmt"
	"math"

	"github.com/attendlab/attend/internal/kernels"
	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// GELU applies the exact Gaussian error linear unit, x·Φ(x) = x·(1+erf(x/√2))/2,
// PyTorch's default form. gorgonia has no erf, so this is a custom op whose
// gradient, Φ(x) + x·φ(x), is a second custom op; the forward op keeps Φ(x)
// for it. In float64 erf is math.Erf; in float32 it is erf32, float32
// arithmetic throughout.
func (g *Graph) GELU(x *gorgonia.Node) *gorgonia.Node {
	if !g.live("GELU", x) {
		return nil
	}
	g.nOps++
	return g.keep(gorgonia.ApplyOp(geluOp{opBase{fmt.Sprintf("GELU#%d{%d}", g.nOps, x.Dims()), 1}, x.Dims(), &geluState{}}, x))
}

// geluState is Φ(x) from the forward pass, for the backward one, and the
// backward pass's scratch for the density.
type geluState struct {
	cdf32, phi32 []float32
	cdf64, phi64 []float64
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
		op.st.cdf64 = grow(op.st.cdf64, x.Size())
		geluForward(x.Float64s(), y.Float64s(), op.st.cdf64)
	case tensor.Float32:
		op.st.cdf32 = grow(op.st.cdf32, x.Size())
		geluForward(x.Float32s(), y.Float32s(), op.st.cdf32)
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
	if len(op.st.cdf64)+len(op.st.cdf32) != x.Size() {
		return nil, fmt.Errorf("%s: backward before forward", op.name)
	}
	switch x.Dtype() {
	case tensor.Float64:
		op.st.phi64 = grow(op.st.phi64, x.Size())
		geluBackward(x.Float64s(), op.st.cdf64, dy.Float64s(), op.st.phi64, dx.Float64s())
	case tensor.Float32:
		op.st.phi32 = grow(op.st.phi32, x.Size())
		geluBackward(x.Float32s(), op.st.cdf32, dy.Float32s(), op.st.phi32, dx.Float32s())
	}
	return dx, nil
}

// invSqrt2Pi is 1/√(2π), the Gaussian density's constant.
const invSqrt2Pi = 0.3989422804014327

// geluForward writes Φ(x) = (1+erf(x/√2))/2 into cdf and y = x·Φ(x), split
// over workers; float32 runs 8 lanes at a time in one pass where the kernels
// package can (the same bits as the loop below).
func geluForward[T Float](x, y, cdf []T) {
	parallel(len(x), 1, func(lo, hi int) {
		if v, ok := any(x[lo:hi]).([]float32); ok {
			lo += kernels.GeluPrefix(v, any(y[lo:hi]).([]float32), any(cdf[lo:hi]).([]float32))
		}
		c := cdf[lo:hi]
		for i := range c {
			c[i] = x[lo+i] * (1 / math.Sqrt2)
		}
		erfs(c)
		for i := range c {
			c[i] = 0.5 * (1 + c[i])
			y[lo+i] = x[lo+i] * c[i]
		}
	})
}

// geluBackward writes dx = dy·(Φ(x) + x·φ(x)), φ(x) = e^(−x²/2)/√(2π).
// The exponentials go through phi (scratch of len(x)) so that float32 takes
// them 8 at a time (kernels.ExpSub); float32 runs the whole loop 8 lanes at
// a time in one pass where the kernels package can.
func geluBackward[T Float](x, cdf, dy, phi, dx []T) {
	parallel(len(x), 2, func(lo, hi int) {
		if v, ok := any(x[lo:hi]).([]float32); ok {
			lo += kernels.GeluGradPrefix(v, any(cdf[lo:hi]).([]float32), any(dy[lo:hi]).([]float32), any(dx[lo:hi]).([]float32))
		}
		e := phi[lo:hi]
		for i := range e {
			v := x[lo+i]
			e[i] = -0.5 * v * v
		}
		kernels.ExpSub(e, 0)
		for i, f := range e {
			v := x[lo+i]
			dx[lo+i] = dy[lo+i] * (cdf[lo+i] + v*invSqrt2Pi*f)
		}
	})
}
