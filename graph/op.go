package graph

import (
	"fmt"
	"hash"
	"hash/fnv"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Float is the element type of every tensor the project computes with:
// float32 for training, float64 for gradient checks.
type Float interface{ ~float32 | ~float64 }

// opBase holds the bookkeeping gorgonia asks of every op. The name must carry
// every parameter that changes the op's result, because gorgonia hash-conses
// nodes: two ops with the same name and inputs become one node.
type opBase struct {
	name  string
	arity int
}

func (o opBase) Arity() int            { return o.arity }
func (o opBase) ReturnsPtr() bool      { return false }
func (o opBase) CallsExtern() bool     { return false }
func (o opBase) OverwritesInput() int  { return -1 }
func (o opBase) String() string        { return o.name }
func (o opBase) WriteHash(h hash.Hash) { fmt.Fprint(h, o.name) }
func (o opBase) Hashcode() uint32 {
	h := fnv.New32a()
	o.WriteHash(h)
	return h.Sum32()
}

// tt is the gorgonia type of a tensor with dims dimensions of element type a.
func tt(dims int) hm.Type {
	return gorgonia.TensorType{Dims: dims, Of: hm.TypeVariable('a')}
}

// fnType is the type of an op taking inputs of the given dims and returning out.
func fnType(out hm.Type, inDims ...int) hm.Type {
	ts := make([]hm.Type, 0, len(inDims)+1)
	for _, d := range inDims {
		ts = append(ts, tt(d))
	}
	ts = append(ts, out)
	return hm.NewFnType(ts...)
}

// dense returns v as a dense tensor, or an error naming the op.
func dense(op string, v gorgonia.Value) (*tensor.Dense, error) {
	d, ok := v.(*tensor.Dense)
	if !ok {
		return nil, fmt.Errorf("%s: want a dense tensor, got %T", op, v)
	}
	return d, nil
}

// newLike allocates a zeroed tensor of the given shape with t's element type.
func newLike(t *tensor.Dense, shape ...int) *tensor.Dense {
	return tensor.New(tensor.WithShape(shape...), tensor.Of(t.Dtype()))
}

// outLike checks the input x and returns it with the output buffer: out itself
// when gorgonia hands a preallocated value of x's shape, else a new tensor.
func outLike(op string, out, x gorgonia.Value) (xd, od *tensor.Dense, err error) {
	if xd, err = dense(op, x); err != nil {
		return nil, nil, err
	}
	if out == nil {
		return xd, newLike(xd, xd.Shape()...), nil
	}
	if od, err = dense(op, out); err != nil {
		return nil, nil, err
	}
	if od.Dtype() != xd.Dtype() || !od.Shape().Eq(xd.Shape()) {
		return nil, nil, fmt.Errorf("%s: preallocated %v %v for input %v %v", op, od.Dtype(), od.Shape(), xd.Dtype(), xd.Shape())
	}
	return xd, od, nil
}

// scalarOf reads a scalar value (a gorgonia scalar or a one-element tensor).
func scalarOf(v gorgonia.Value) (float64, error) {
	switch s := v.(type) {
	case *gorgonia.F64:
		return float64(*s), nil
	case *gorgonia.F32:
		return float64(*s), nil
	case *tensor.Dense:
		switch d := s.Data().(type) {
		case []float64:
			if len(d) == 1 {
				return d[0], nil
			}
		case []float32:
			if len(d) == 1 {
				return float64(d[0]), nil
			}
		case float64:
			return d, nil
		case float32:
			return float64(d), nil
		}
	}
	return 0, fmt.Errorf("want a scalar, got %T", v)
}

// newScalar makes a gorgonia scalar of the given dtype.
func newScalar(dt tensor.Dtype, v float64) gorgonia.Value {
	if dt == tensor.Float32 {
		return gorgonia.NewF32(float32(v))
	}
	return gorgonia.NewF64(v)
}
