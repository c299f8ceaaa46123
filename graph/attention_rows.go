package graph

import (
	"fmt"
	"slices"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/attendlab/attend/internal/kernels"
)

// AttentionRows is Attention (no dropout) at some query rows only: out[i]
// is row rows[i] of Attention's out, that token's query against every key
// and value of its own sequence. It serves the last encoder layer of a model
// whose heads read a few rows (the sense targets, the masked positions):
// the other rows' queries, and everything after them, reach no loss. rows
// are rows of qkv in any order; a row may repeat.
func (g *Graph) AttentionRows(qkv, pad, rows *gorgonia.Node, h Heads, scale float64) *gorgonia.Node {
	if !g.live("attention rows", qkv, pad, rows) {
		return nil
	}
	s := qkv.Shape()
	if qkv.Dims() != 2 || h.Batch < 1 || h.Heads < 1 || s[0]%h.Batch != 0 || s[1]%(3*h.Heads) != 0 {
		return g.fail(fmt.Errorf("attention rows: qkv %v does not split into batch %d and %d heads", s, h.Batch, h.Heads))
	}
	if rows.Dims() != 1 || rows.Dtype() != tensor.Int {
		return g.fail(fmt.Errorf("attention rows: want int rows [R], got %v %v", rows.Dtype(), rows.Shape()))
	}
	d := attnDims{batch: h.Batch, heads: h.Heads, t: s[0] / h.Batch, dk: s[1] / 3 / h.Heads, scale: scale}
	if !pad.Shape().Eq(tensor.Shape{d.batch, d.t}) {
		return g.fail(fmt.Errorf("attention rows: pad %v, want [%d %d]", pad.Shape(), d.batch, d.t))
	}
	g.nOps++
	op := attentionRowsOp{opBase{fmt.Sprintf("AttentionRows#%d%+v", g.nOps, d), 3}, d, rows.Shape()[0], &rowsState{}}
	return g.keep(gorgonia.ApplyOp(op, qkv, pad, rows))
}

// rowsState is what the forward pass keeps for the backward one and the
// buffers of both: the listed rows grouped by sequence, each (row, head)'s
// softmax over its sequence's keys (p; ds: its gradient), and the rows'
// queries (kept for the backward pass), outputs, upstream gradients and
// query gradients, d_k values for each (row, head). Layout: see rowsBlock.
type rowsState struct {
	p32, ds32           []float32
	p64, ds64           []float64
	q32, o32, g32, dq32 []float32
	q64, o64, g64, dq64 []float64
	bySeq               []int // indices into rows, grouped by sequence, in list order within one
	start               []int // bySeq[start[b]:start[b+1]] are sequence b's
	next                []int // scratch of the grouping
}

// ints returns n zeros in s's storage when it is large enough.
func ints(s []int, n int) []int {
	s = slices.Grow(s[:0], n)[:n]
	clear(s)
	return s
}

type attentionRowsOp struct {
	opBase
	d  attnDims
	r  int // listed rows
	st *rowsState
}

var intVector = gorgonia.TensorType{Dims: 1, Of: tensor.Int}

func (op attentionRowsOp) Type() hm.Type { return hm.NewFnType(tt(2), tt(2), intVector, tt(2)) }

func (op attentionRowsOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.Shape{op.r, op.d.width()}, nil
}

func (op attentionRowsOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

// rows checks the listed rows against qkv's and groups them by sequence.
func (op attentionRowsOp) rows(v gorgonia.Value) ([]int, error) {
	ids, err := lookupOp{op.opBase, lookupDims{v: op.d.batch * op.d.t, n: op.r}}.ids(v)
	if err != nil {
		return nil, err
	}
	st := op.st
	st.start = ints(st.start, op.d.batch+1)
	for _, r := range ids {
		st.start[r/op.d.t+1]++
	}
	for b := range op.d.batch {
		st.start[b+1] += st.start[b]
	}
	st.bySeq, st.next = ints(st.bySeq, len(ids)), ints(st.next, op.d.batch)
	copy(st.next, st.start)
	for i, r := range ids {
		b := r / op.d.t
		st.bySeq[st.next[b]] = i
		st.next[b]++
	}
	return ids, nil
}

func (op attentionRowsOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	ins, err := denses(op.name, in[:2])
	if err != nil {
		return nil, err
	}
	ids, err := op.rows(in[2])
	if err != nil {
		return nil, err
	}
	o, err := outOf(op.name, out, ins[0], op.r, op.d.width())
	if err != nil {
		return nil, err
	}
	n, nq := op.r*op.d.heads*op.d.t, op.r*op.d.width()
	st := op.st
	switch ins[0].Dtype() {
	case tensor.Float64:
		st.p64, st.q64, st.o64 = grow(st.p64, n), grow(st.q64, nq), grow(st.o64, nq)
		attnRowsForward(op.d, ids, st.bySeq, st.start, ins[0].Float64s(), ins[1].Float64s(), st.p64, st.q64, st.o64, o.Float64s())
	case tensor.Float32:
		st.p32, st.q32, st.o32 = grow(st.p32, n), grow(st.q32, nq), grow(st.o32, nq)
		attnRowsForward(op.d, ids, st.bySeq, st.start, ins[0].Float32s(), ins[1].Float32s(), st.p32, st.q32, st.o32, o.Float32s())
	}
	return o, nil
}

func (op attentionRowsOp) DiffWRT(int) []bool { return []bool{true, false, false} }

func (op attentionRowsOp) SymDiff(in gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dqkv, err := gorgonia.ApplyOp(attentionRowsGradOp{opBase{"Grad" + op.name, 4}, op}, in[0], in[1], in[2], grad)
	return gorgonia.Nodes{dqkv, nil, nil}, err
}

// attentionRowsGradOp maps (qkv, pad, rows, dOut) to dqkv [B*T, 3D].
type attentionRowsGradOp struct {
	opBase
	fwd attentionRowsOp
}

func (op attentionRowsGradOp) Type() hm.Type {
	return hm.NewFnType(tt(2), tt(2), intVector, tt(2), tt(2))
}

func (op attentionRowsGradOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.Shape{op.fwd.d.batch * op.fwd.d.t, 3 * op.fwd.d.width()}, nil
}

func (op attentionRowsGradOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

func (op attentionRowsGradOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	qkv, err := dense(op.name, in[0])
	if err != nil {
		return nil, err
	}
	dOut, err := dense(op.name, in[3])
	if err != nil {
		return nil, err
	}
	ids, err := lookupOp{op.opBase, lookupDims{v: op.fwd.d.batch * op.fwd.d.t, n: op.fwd.r}}.ids(in[2])
	if err != nil {
		return nil, err
	}
	d, st := op.fwd.d, op.fwd.st
	o, err := outOf(op.name, out, qkv, d.batch*d.t, 3*d.width())
	if err != nil {
		return nil, err
	}
	n, nq := op.fwd.r*d.heads*d.t, op.fwd.r*d.width()
	if len(st.bySeq) != len(ids) {
		return nil, fmt.Errorf("%s: backward before forward", op.name)
	}
	switch qkv.Dtype() {
	case tensor.Float64:
		if len(st.p64) != n {
			return nil, fmt.Errorf("%s: backward before forward", op.name)
		}
		st.ds64, st.g64, st.dq64 = grow(st.ds64, n), grow(st.g64, nq), grow(st.dq64, nq)
		attnRowsBackward(d, ids, st.bySeq, st.start, qkv.Float64s(), st.p64, st.ds64, st.q64, st.g64, st.dq64, dOut.Float64s(), o.Float64s())
	case tensor.Float32:
		if len(st.p32) != n {
			return nil, fmt.Errorf("%s: backward before forward", op.name)
		}
		st.ds32, st.g32, st.dq32 = grow(st.ds32, n), grow(st.g32, nq), grow(st.dq32, nq)
		attnRowsBackward(d, ids, st.bySeq, st.start, qkv.Float32s(), st.p32, st.ds32, st.q32, st.g32, st.dq32, dOut.Float32s(), o.Float32s())
	}
	return o, nil
}

// rowsBlock is one (sequence, head) unit's share of the listed rows. Its k
// rows, in bySeq order, are one k-row block of every per-row buffer, so
// each product runs once a unit: row j of bySeq under head h is at
// (h·R + j)·n in probs and ds, and (h·R + j)·d_k in q, o, g and dq.
type rowsBlock struct {
	h, row int   // the head; the sequence's first token row
	list   []int // its listed rows (indices into ids), in list order
	at     int   // its first block: h·R + its first index into bySeq
}

// eachRowsBlock calls f for every unit with listed rows, split over
// workers; cost is the work of one listed row.
func eachRowsBlock(d attnDims, bySeq, start []int, cost int, f func(rowsBlock)) {
	r := len(bySeq)
	parallel(d.batch*d.heads, cost*max(1, r/d.batch), func(lo, hi int) {
		for u := lo; u < hi; u++ {
			b, h := u/d.heads, u%d.heads
			if start[b] < start[b+1] {
				f(rowsBlock{h: h, row: b * d.t, list: bySeq[start[b]:start[b+1]], at: h*r + start[b]})
			}
		}
	})
}

// attnRowsForward gathers each unit's queries (into q, kept for the
// backward pass), takes their softmax over the sequence's keys into probs,
// and writes their weighted values (via o) to out's rows.
func attnRowsForward[T Float](d attnDims, ids, bySeq, start []int, qkv, pad, probs, q, o, out []T) {
	w3, w, n, dk := 3*d.width(), d.width(), d.t, d.dk
	scale := T(d.scale)
	eachRowsBlock(d, bySeq, start, 2*n*dk, func(u rowsBlock) {
		k, hc := len(u.list), u.h*dk
		qs, os, pr := q[u.at*dk:][:k*dk], o[u.at*dk:][:k*dk], probs[u.at*n:][:k*n]
		for a, i := range u.list {
			copy(qs[a*dk:][:dk], qkv[ids[i]*w3+hc:][:dk])
		}
		clear(pr)
		kernels.GemmAdd(false, true, k, n, dk, qs, dk, qkv[u.row*w3+w+hc:], w3, pr, n) // Q·Kᵀ
		kernels.SoftmaxRows(pr, n, scale, pad[u.row:u.row+n])
		clear(os)
		kernels.GemmAdd(false, false, k, dk, n, pr, n, qkv[u.row*w3+2*w+hc:], w3, os, dk) // P·V
		for a, i := range u.list {
			copy(out[i*w+hc:][:dk], os[a*dk:][:dk])
		}
	})
}

// attnRowsBackward is attnBackward for the listed rows, per unit: dV and
// dK of the sequence take every listed row's part in one product, and each
// listed row's dq is added into its row (a repeated row adds twice).
func attnRowsBackward[T Float](d attnDims, ids, bySeq, start []int, qkv, probs, ds, q, gs, dqs, dOut, dqkv []T) {
	clear(dqkv)
	w3, w, n, dk := 3*d.width(), d.width(), d.t, d.dk
	scale := T(d.scale)
	eachRowsBlock(d, bySeq, start, 4*n*dk, func(u rowsBlock) {
		k, hc := len(u.list), u.h*dk
		keys, values := qkv[u.row*w3+w+hc:], qkv[u.row*w3+2*w+hc:]
		qb, g, dq := q[u.at*dk:][:k*dk], gs[u.at*dk:][:k*dk], dqs[u.at*dk:][:k*dk]
		p, dp := probs[u.at*n:][:k*n], ds[u.at*n:][:k*n]
		for a, i := range u.list {
			copy(g[a*dk:][:dk], dOut[i*w+hc:][:dk])
		}
		kernels.GemmAdd(true, false, n, dk, k, p, n, g, dk, dqkv[u.row*w3+2*w+hc:], w3) // dV += Pᵀ·G
		clear(dp)
		kernels.GemmAdd(false, true, k, n, dk, g, dk, values, w3, dp, n) // G·Vᵀ
		kernels.SoftmaxGradRows(p, dp, n, scale)
		clear(dq)
		kernels.GemmAdd(false, false, k, dk, n, dp, n, keys, w3, dq, dk)                // dS·K
		kernels.GemmAdd(true, false, n, dk, k, dp, n, qb, dk, dqkv[u.row*w3+w+hc:], w3) // dK += dSᵀ·Q
		for a, i := range u.list {
			axpy(1, dq[a*dk:][:dk], dqkv[ids[i]*w3+hc:][:dk])
		}
	})
}
