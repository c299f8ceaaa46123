package graph

import (
	"fmt"

	"github.com/attendlab/attend/internal/kernels"
	"github.com/chewxy/hm"
	"gonum.org/v1/gonum/blas"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Linear computes y = x·Wᵀ + b for x [N, in], with W stored Transposed
// ([in, out]) and b stored as a Row ([1, out]); b may be nil. One op writes b
// plus the matrix product into y (in float32 the GEMM reads b in its first
// depth block; in float64 b fills y and the GEMM adds with β = 1).
// Its backward pass is three ops: dx = dy·W, dWᵀ = xᵀ·dy and db = Σ_rows dy.
// Products go through the BLAS gorgonia uses (gorgonia.Use).
func (g *Graph) Linear(x, wT, b *gorgonia.Node) *gorgonia.Node {
	if !g.live("linear", x, wT) {
		return nil
	}
	xs, ws := x.Shape(), wT.Shape()
	if x.Dims() != 2 || wT.Dims() != 2 || xs[1] != ws[0] {
		return g.fail(fmt.Errorf("linear: %v · %v: want [N,in] · [in,out]", xs, ws))
	}
	d := gemmDims{m: xs[0], k: xs[1], n: ws[1]}
	in := gorgonia.Nodes{x, wT}
	if b != nil {
		if !b.Shape().Eq(tensor.Shape{1, d.n}) {
			return g.fail(fmt.Errorf("linear: bias %v, want [1 %d]", b.Shape(), d.n))
		}
		in = append(in, b)
	}
	return g.keep(gorgonia.ApplyOp(linearOp{opBase{fmt.Sprintf("Linear%+v", d), len(in)}, d}, in...))
}

// gemmDims: C [m, n] = op(A) [m, k] · op(B) [k, n].
type gemmDims struct {
	m, k, n        int
	transA, transB bool
}

// gemm computes C = op(A)·op(B) + β·C with row-major operands.
func gemm[T Float](d gemmDims, a, b []T, beta T, c []T) {
	ta, tb, lda, ldb := blas.NoTrans, blas.NoTrans, d.k, d.n
	if d.transA {
		ta, lda = blas.Trans, d.m
	}
	if d.transB {
		tb, ldb = blas.Trans, d.k
	}
	switch c := any(c).(type) {
	case []float32:
		gorgonia.WhichBLAS().Sgemm(ta, tb, d.m, d.n, d.k, 1, any(a).([]float32), lda, any(b).([]float32), ldb, float32(beta), c, d.n)
	case []float64:
		gorgonia.WhichBLAS().Dgemm(ta, tb, d.m, d.n, d.k, 1, any(a).([]float64), lda, any(b).([]float64), ldb, float64(beta), c, d.n)
	}
}

type linearOp struct {
	opBase
	d gemmDims
}

func (op linearOp) Type() hm.Type {
	if op.arity == 3 {
		return fnType(tt(2), 2, 2, 2)
	}
	return fnType(tt(2), 2, 2)
}
func (op linearOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.Shape{op.d.m, op.d.n}, nil
}
func (op linearOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

func (op linearOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	ins, err := denses(op.name, in)
	if err != nil {
		return nil, err
	}
	y, err := outOf(op.name, out, ins[0], op.d.m, op.d.n)
	if err != nil {
		return nil, err
	}
	switch ins[0].Dtype() {
	case tensor.Float64:
		x := ins[0].Float64s()
		linear(op.d, x, ins[1].Float64s(), biasOf[float64](ins), y.Float64s())
	case tensor.Float32:
		x := ins[0].Float32s()
		linear(op.d, x, ins[1].Float32s(), biasOf[float32](ins), y.Float32s())
	}
	return y, nil
}

func biasOf[T Float](in []*tensor.Dense) []T {
	if len(in) < 3 {
		return nil
	}
	return elems[T](in[2])
}

func linear[T Float](d gemmDims, x, wT, b, y []T) {
	if b == nil {
		gemm(d, x, wT, 0, y)
		return
	}
	if y32, ok := any(y).([]float32); ok {
		// The product's first depth block adds b where it would read y: the
		// bits of the fill below without its pass over y (kernels' own
		// GEMM, the BLAS graph installs for float32: blas.go).
		kernels.SgemmBias(blas.NoTrans, blas.NoTrans, d.m, d.n, d.k, any(x).([]float32), d.k, any(wT).([]float32), d.n, any(b).([]float32)[:d.n], y32, d.n)
		return
	}
	// b into every row: one row, then copies that double what is written.
	y = y[:d.m*d.n]
	for done := copy(y, b[:d.n]); done < len(y); {
		done += copy(y[done:], y[:done])
	}
	gemm(d, x, wT, 1, y)
}

func (op linearOp) DiffWRT(n int) []bool { return []bool{true, true, true}[:n] }

func (op linearOp) SymDiff(in gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	d := op.d
	dx, err := gorgonia.ApplyOp(gemmOp{opBase{"GradX" + op.name, 2}, gemmDims{m: d.m, k: d.n, n: d.k, transB: true}}, grad, in[1])
	if err != nil {
		return nil, err
	}
	dw, err := gorgonia.ApplyOp(gemmOp{opBase{"GradW" + op.name, 2}, gemmDims{m: d.k, k: d.m, n: d.n, transA: true}}, in[0], grad)
	if err != nil {
		return nil, err
	}
	if op.arity == 2 {
		return gorgonia.Nodes{dx, dw}, nil
	}
	db, err := gorgonia.ApplyOp(colSumOp{opBase{"GradB" + op.name, 1}, d.m, d.n}, grad)
	return gorgonia.Nodes{dx, dw, db}, err
}

// gemmOp is C = op(A)·op(B), for the gradients of Linear.
type gemmOp struct {
	opBase
	d gemmDims
}

func (op gemmOp) Type() hm.Type { return fnType(tt(2), 2, 2) }
func (op gemmOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.Shape{op.d.m, op.d.n}, nil
}
func (op gemmOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

func (op gemmOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	ins, err := denses(op.name, in)
	if err != nil {
		return nil, err
	}
	c, err := outOf(op.name, out, ins[0], op.d.m, op.d.n)
	if err != nil {
		return nil, err
	}
	switch ins[0].Dtype() {
	case tensor.Float64:
		a := ins[0].Float64s()
		gemm(op.d, a, ins[1].Float64s(), 0, c.Float64s())
	case tensor.Float32:
		a := ins[0].Float32s()
		gemm(op.d, a, ins[1].Float32s(), 0, c.Float32s())
	}
	return c, nil
}

// colSumOp sums the rows of x [m, n] into [1, n], rows in order.
type colSumOp struct {
	opBase
	m, n int
}

func (op colSumOp) Type() hm.Type { return fnType(tt(2), 2) }
func (op colSumOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.Shape{1, op.n}, nil
}
func (op colSumOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

func (op colSumOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	x, err := dense(op.name, in[0])
	if err != nil {
		return nil, err
	}
	s, err := outOf(op.name, out, x, 1, op.n)
	if err != nil {
		return nil, err
	}
	switch x.Dtype() {
	case tensor.Float64:
		xd := x.Float64s()
		colSum(xd, s.Float64s(), op.m, op.n)
	case tensor.Float32:
		xd := x.Float32s()
		colSum(xd, s.Float32s(), op.m, op.n)
	}
	return s, nil
}

func colSum[T Float](x, s []T, m, n int) {
	vector := n%8 == 0 // AxpyRows's path: see below
	var ones []T       // its weights, for that path only
	if vector {
		ones = make([]T, m)
		for i := range ones {
			ones[i] = 1
		}
	}
	// Blocks of 8 columns per worker (1·v added by a fused multiply-add is
	// exactly v added). AxpyRows's vector path, four rows at a time, runs
	// only on widths that are multiples of 8, and its Go loop adds the rows
	// in order: the two round differently. So the path follows n, not the
	// part a worker gets, or a column's bits would depend on the cut (the
	// worker count, or the pool being taken by a concurrent wave).
	blocks := (n + 7) / 8
	parallel(blocks, 8*m, func(lo, hi int) {
		c0, c1 := 8*lo, min(8*hi, n)
		y := s[c0:c1]
		clear(y)
		if vector {
			kernels.AxpyRows(y, ones, x[c0:], n)
			return
		}
		for r := range m {
			for i, v := range x[r*n+c0 : r*n+c1] {
				y[i] += v
			}
		}
	})
}
