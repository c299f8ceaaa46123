package graph

import (
	"fmt"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Scale multiplies x by the constant c.
func (g *Graph) Scale(x *gorgonia.Node, c float64) *gorgonia.Node {
	if !g.live("scale", x) {
		return nil
	}
	return g.keep(gorgonia.Mul(x, g.Scalar(c)))
}

// Dropout multiplies x by mask, an input of x's shape that the caller fills each
// step with 0 or 1/(1-p) from its own seeded generator (gorgonia's Dropout seeds
// from the clock), or with ones when not training.
func (g *Graph) Dropout(x *gorgonia.Node, name string) (y, mask *gorgonia.Node) {
	if !g.live("dropout", x) {
		return nil, nil
	}
	mask = g.Input(name, x.Shape()...)
	return g.keep(gorgonia.ApplyOp(maskOp{opBase{"Mask", 2}, x.Dims()}, x, mask)), mask
}

// maskOp is x ⊙ mask; its gradient is dy ⊙ mask, the same op again.
type maskOp struct {
	opBase
	dims int
}

func (op maskOp) Type() hm.Type { return fnType(tt(op.dims), op.dims, op.dims) }
func (op maskOp) InferShape(in ...gorgonia.DimSizer) (tensor.Shape, error) {
	return in[0].(tensor.Shape).Clone(), nil
}
func (op maskOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

func (op maskOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	ins, err := denses(op.name, in)
	if err != nil {
		return nil, err
	}
	x, m := ins[0], ins[1]
	y, err := outOf(op.name, out, x, x.Shape()...)
	if err != nil {
		return nil, err
	}
	if m.Size() != x.Size() {
		return nil, fmt.Errorf("%s: mask %v for x %v", op.name, m.Shape(), x.Shape())
	}
	switch x.Dtype() {
	case tensor.Float64:
		mulSlices(y.Float64s(), x.Float64s(), m.Float64s())
	case tensor.Float32:
		mulSlices(y.Float32s(), x.Float32s(), m.Float32s())
	}
	return y, nil
}

func (op maskOp) DiffWRT(int) []bool { return []bool{true, false} }

func (op maskOp) SymDiff(in gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dx, err := gorgonia.ApplyOp(op, grad, in[1])
	return gorgonia.Nodes{dx, nil}, err
}

func mulSlices[T Float](out, x, y []T) {
	parallel(len(out), 1, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = x[i] * y[i]
		}
	})
}

// Add is the elementwise sum of two nodes of the same shape (a residual
// connection, position rows added to token vectors, two loss terms).
func (g *Graph) Add(a, b *gorgonia.Node) *gorgonia.Node {
	if !g.live("add", a, b) {
		return nil
	}
	return g.keep(gorgonia.Add(a, b))
}

// ReLU is max(x, 0) elementwise; its gradient passes dy where x > 0.
func (g *Graph) ReLU(x *gorgonia.Node) *gorgonia.Node {
	if !g.live("ReLU", x) {
		return nil
	}
	return g.keep(gorgonia.ApplyOp(reluOp{opBase{"ReLU", 1}, x.Dims()}, x))
}

// reluOp is max(x, 0) with one input, and its gradient dy·[x > 0] with two
// (x, dy).
type reluOp struct {
	opBase
	dims int
}

func (op reluOp) Type() hm.Type {
	if op.arity == 2 {
		return fnType(tt(op.dims), op.dims, op.dims)
	}
	return fnType(tt(op.dims), op.dims)
}
func (op reluOp) InferShape(in ...gorgonia.DimSizer) (tensor.Shape, error) {
	return in[0].(tensor.Shape).Clone(), nil
}
func (op reluOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

func (op reluOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	ins, err := denses(op.name, in)
	if err != nil {
		return nil, err
	}
	x := ins[0]
	y, err := outOf(op.name, out, x, x.Shape()...)
	if err != nil {
		return nil, err
	}
	dy := x // forward: pass x itself where x > 0
	if op.arity == 2 {
		dy = ins[1]
	}
	switch x.Dtype() {
	case tensor.Float64:
		relu(y.Float64s(), x.Float64s(), dy.Float64s())
	case tensor.Float32:
		relu(y.Float32s(), x.Float32s(), dy.Float32s())
	}
	return y, nil
}

func (op reluOp) DiffWRT(int) []bool { return []bool{true} }

func (op reluOp) SymDiff(in gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dx, err := gorgonia.ApplyOp(reluOp{opBase{"ReLUGrad", 2}, op.dims}, in[0], grad)
	return gorgonia.Nodes{dx}, err
}

// relu writes v[i] where x[i] > 0 and 0 elsewhere.
func relu[T Float](out, x, v []T) {
	parallel(len(out), 1, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if x[i] > 0 {
				out[i] = v[i]
			} else {
				out[i] = 0
			}
		}
	})
}

// batchedMatMul multiplies a [N, m, k] by b [N, k, n] slice by slice (either
// operand taken transposed when asked): [N, m, n].
func (g *Graph) batchedMatMul(a, b *gorgonia.Node, transA, transB bool) *gorgonia.Node {
	if !g.live("BatchedMatMul", a, b) {
		return nil
	}
	return g.keep(gorgonia.BatchedMatMul(a, b, transA, transB))
}
