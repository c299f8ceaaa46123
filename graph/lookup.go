package graph

import (
	"fmt"
	"slices"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Lookup gathers rows of table [V, D] by integer ids [N]: out[i] = table[ids[i]],
// [N, D]. Its backward op adds each output row's gradient into the row it came
// from, rows in order (gorgonia's ByIndices has a wrong gradient for 1-D
// inputs and allocates on every run).
func (g *Graph) Lookup(table, ids *gorgonia.Node) *gorgonia.Node {
	if !g.live("lookup", table, ids) {
		return nil
	}
	if table.Dims() != 2 || ids.Dims() != 1 || ids.Dtype() != tensor.Int {
		return g.fail(fmt.Errorf("lookup: want table [V,D] and int ids [N], got %v and %v %v", table.Shape(), ids.Dtype(), ids.Shape()))
	}
	d := lookupDims{v: table.Shape()[0], d: table.Shape()[1], n: ids.Shape()[0]}
	return g.keep(gorgonia.ApplyOp(lookupOp{opBase{fmt.Sprintf("Lookup%+v", d), 2}, d}, table, ids))
}

type lookupDims struct{ v, d, n int }

type lookupOp struct {
	opBase
	d lookupDims
}

func (op lookupOp) Type() hm.Type {
	return hm.NewFnType(tt(2), gorgonia.TensorType{Dims: 1, Of: tensor.Int}, tt(2))
}
func (op lookupOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.Shape{op.d.n, op.d.d}, nil
}
func (op lookupOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

func (op lookupOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	table, err := dense(op.name, in[0])
	if err != nil {
		return nil, err
	}
	ids, err := op.ids(in[1])
	if err != nil {
		return nil, err
	}
	o, err := outOf(op.name, out, table, op.d.n, op.d.d)
	if err != nil {
		return nil, err
	}
	switch table.Dtype() {
	case tensor.Float64:
		t := table.Float64s()
		gather(t, ids, o.Float64s(), op.d.d)
	case tensor.Float32:
		t := table.Float32s()
		gather(t, ids, o.Float32s(), op.d.d)
	}
	return o, nil
}

// ids checks every id against the table's rows.
func (op lookupOp) ids(v gorgonia.Value) ([]int, error) {
	d, ok := v.(*tensor.Dense)
	if !ok || d.Dtype() != tensor.Int || d.Size() != op.d.n {
		return nil, fmt.Errorf("%s: want %d int ids, got %v", op.name, op.d.n, v)
	}
	ids := d.Ints()
	for i, id := range ids {
		if id < 0 || id >= op.d.v {
			return nil, fmt.Errorf("%s: id %d at %d outside [0,%d)", op.name, id, i, op.d.v)
		}
	}
	return ids, nil
}

func (op lookupOp) DiffWRT(int) []bool { return []bool{true, false} }

func (op lookupOp) SymDiff(in gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dt, err := gorgonia.ApplyOp(lookupGradOp{opBase{"Grad" + op.name, 2}, op.d, &lastRows{}}, in[1], grad)
	return gorgonia.Nodes{dt, nil}, err
}

// lookupGradOp maps (ids, dOut) to dTable [V, D]. Only the rows of ids are
// non-zero, so a run into the buffer of the previous one clears just the rows
// that run wrote, not all V×D values of the table every step.
type lookupGradOp struct {
	opBase
	d    lookupDims
	last *lastRows
}

// written is what an op's previous run wrote: its output, and the rows of
// it that may be non-zero (the rest are zero). An op whose output is zero
// but for a few rows (a lookup's table gradient, a cross-entropy gradient
// over labelled rows) keeps it, so that a run into the same buffer clears
// just those rows instead of all of them. Nothing else writes such an
// output but to scale it (the gradient clip), which keeps zero rows zero.
type written struct {
	out  *tensor.Dense
	rows []int
}

// dirty returns the rows of out that may be non-zero: the previous run's
// when out is its output, else nil for all of them.
func (w *written) dirty(out *tensor.Dense) []int {
	if out != w.out {
		return nil
	}
	return w.rows
}

// lastRows is what the previous run of a lookupGradOp wrote: its rows are
// the ids, in batch order, repeats and all.
type lastRows struct {
	written
	sorted []int // the ids sorted, each once, when isSorted is set
	// isSorted says sorted is up to date with the ids (rowsOf sorts on demand).
	isSorted bool
}

// rowsOf returns the rows of out that may be non-zero, ascending and each
// once, or nil when out is not the last run's output.
func (l *lastRows) rowsOf(out gorgonia.Value) []int {
	d, _ := out.(*tensor.Dense)
	ids := l.dirty(d)
	if d == nil || ids == nil {
		return nil
	}
	if !l.isSorted {
		l.sorted = append(l.sorted[:0], ids...)
		slices.Sort(l.sorted)
		l.sorted = slices.Compact(l.sorted)
		l.isSorted = true
	}
	return l.sorted
}

func (op lookupGradOp) Type() hm.Type {
	return hm.NewFnType(gorgonia.TensorType{Dims: 1, Of: tensor.Int}, tt(2), tt(2))
}
func (op lookupGradOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.Shape{op.d.v, op.d.d}, nil
}
func (op lookupGradOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

func (op lookupGradOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	ids, err := lookupOp{op.opBase, op.d}.ids(in[0])
	if err != nil {
		return nil, err
	}
	g, err := dense(op.name, in[1])
	if err != nil {
		return nil, err
	}
	o, err := outOf(op.name, out, g, op.d.v, op.d.d)
	if err != nil {
		return nil, err
	}
	dirty := op.last.dirty(o)
	switch g.Dtype() {
	case tensor.Float64:
		scatterAdd(g.Float64s(), ids, o.Float64s(), op.d.d, dirty)
	case tensor.Float32:
		scatterAdd(g.Float32s(), ids, o.Float32s(), op.d.d, dirty)
	}
	op.last.out, op.last.rows, op.last.isSorted = o, append(op.last.rows[:0], ids...), false
	return o, nil
}

func gather[T Float](table []T, ids []int, out []T, d int) {
	for i, id := range ids {
		copy(out[i*d:][:d], table[id*d:][:d])
	}
}

// scatterAdd sets table to the rows of g added into the rows their ids name,
// zero elsewhere; only the dirty rows (nil: all) can be non-zero before.
func scatterAdd[T Float](g []T, ids []int, table []T, d int, dirty []int) {
	if dirty == nil {
		clear(table)
	}
	for _, id := range dirty {
		clear(table[id*d:][:d])
	}
	for i, id := range ids {
		axpy(1, g[i*d:][:d], table[id*d:][:d])
	}
}
