package graph

import (
	"fmt"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// readKept adds a node whose value is a copy of what a fused op kept in its
// state (the attention probs, a layer norm's gain and bias gradients): kept
// returns that buffer in the graph's dtype. after is the node that fills it,
// an input only so that this node runs after it. A copy, not a view: the
// node's value may be handed on and written over, the kept buffer may not.
func readKept(name string, after *gorgonia.Node, shape tensor.Shape, kept func() ([]float32, []float64)) (*gorgonia.Node, error) {
	return gorgonia.ApplyOp(keptOp{opBase{name, 1}, after.Dims(), shape, kept}, after)
}

type keptOp struct {
	opBase
	inDims int
	shape  tensor.Shape
	kept   func() ([]float32, []float64)
}

func (op keptOp) Type() hm.Type { return fnType(tt(len(op.shape)), op.inDims) }
func (op keptOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return op.shape.Clone(), nil
}
func (op keptOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

func (op keptOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	x, err := dense(op.name, in[0])
	if err != nil {
		return nil, err
	}
	o, err := outOf(op.name, out, x, op.shape...)
	if err != nil {
		return nil, err
	}
	f32, f64 := op.kept()
	n := 0
	switch o.Dtype() {
	case tensor.Float64:
		n = copy(o.Float64s(), f64)
	case tensor.Float32:
		n = copy(o.Float32s(), f32)
	}
	if n != o.Size() {
		return nil, fmt.Errorf("%s: %d values kept, want %d", op.name, n, o.Size())
	}
	return o, nil
}
