package graph

import (
	"fmt"
	"hash"
	"hash/fnv"

	"github.com/attendlab/attend/internal/kernels"
	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Float is the element type of every tensor the project computes with:
// float32 for training, float64 for gradient checks.
type Float = kernels.Float

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

// dense returns v as a dense tensor of float32 or float64, or an error naming
// the op. Every op reads its float inputs through it, so this is the one place
// an other dtype is refused: an op's switch on the dtype has two cases.
func dense(op string, v gorgonia.Value) (*tensor.Dense, error) {
	d, ok := v.(*tensor.Dense)
	if !ok {
		return nil, fmt.Errorf("%s: want a dense tensor, got %T", op, v)
	}
	if dt := d.Dtype(); dt != tensor.Float32 && dt != tensor.Float64 {
		return nil, fmt.Errorf("%s: unsupported dtype %v, want float32 or float64", op, dt)
	}
	return d, nil
}

// newLike allocates a zeroed tensor of the given shape with t's element type.
func newLike(t *tensor.Dense, shape ...int) *tensor.Dense {
	return tensor.New(tensor.WithShape(shape...), tensor.Of(t.Dtype()))
}

// outLike checks the input x and returns it with an output buffer of its shape
// (see outOf).
func outLike(op string, out, x gorgonia.Value) (xd, od *tensor.Dense, err error) {
	if xd, err = dense(op, x); err != nil {
		return nil, nil, err
	}
	od, err = outOf(op, out, xd, xd.Shape()...)
	return xd, od, err
}

// outOf returns the output buffer of an op: out itself when gorgonia hands a
// preallocated value of the right dtype and shape, else a new zeroed tensor of
// like's dtype. Ops must overwrite every element of it.
func outOf(op string, out gorgonia.Value, like *tensor.Dense, shape ...int) (*tensor.Dense, error) {
	if out == nil {
		return newLike(like, shape...), nil
	}
	od, err := dense(op, out)
	if err != nil {
		return nil, err
	}
	if od.Dtype() != like.Dtype() || !od.Shape().Eq(tensor.Shape(shape)) {
		return nil, fmt.Errorf("%s: preallocated %v %v, want %v %v", op, od.Dtype(), od.Shape(), like.Dtype(), shape)
	}
	return od, nil
}

// denses checks that every input is a dense tensor of the first one's dtype.
func denses(op string, in []gorgonia.Value) ([]*tensor.Dense, error) {
	out := make([]*tensor.Dense, len(in))
	for i, v := range in {
		d, err := dense(op, v)
		if err != nil {
			return nil, err
		}
		if i > 0 && d.Dtype() != out[0].Dtype() {
			return nil, fmt.Errorf("%s: input %d is %v, input 0 %v", op, i, d.Dtype(), out[0].Dtype())
		}
		out[i] = d
	}
	return out, nil
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

// elems is d's data as []T (d's dtype must be T). Unlike Data, it does not
// allocate.
func elems[T Float](d *tensor.Dense) []T {
	var z T
	if _, ok := any(z).(float32); ok {
		return any(d.Float32s()).([]T)
	}
	return any(d.Float64s()).([]T)
}
