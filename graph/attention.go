package graph

import (
	"fmt"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Heads says how the rows and columns of a packed projection split: Batch
// sequences of qkv.rows/Batch tokens, and Heads heads of d_k = D/Heads columns.
type Heads struct{ Batch, Heads int }

// Attention is scaled dot-product self-attention for every (batch, head) in
// one op. qkv [B*T, 3D] holds each token's query, key and value (in_proj's
// packing: Q columns, then K, then V; head h owns d_k columns of each). For
// each sequence b and head h:
//
//	scores = Q·Kᵀ · scale          (scale = 1/√d_k: the spread stays independent of d_k)
//	scores[:, j] = −∞ where pad[b, j] = 1 (padded keys get no attention)
//	probs  = softmax(scores) over the keys (a row of padded keys only: all zeros)
//	out    = (probs ⊙ drop) · V    (drop: the dropout mask, nil for none)
//
// It returns out [B*T, D] with the heads side by side, and probs [B*H, T, T]
// for inspection. The backward op recomputes nothing: it reuses the probs the
// forward pass kept. Heads run in parallel, each writing only its own columns.
func (g *Graph) Attention(qkv, pad *gorgonia.Node, h Heads, scale float64, drop *gorgonia.Node) (out, probs *gorgonia.Node) {
	if !g.live("attention", qkv, pad) {
		return nil, nil
	}
	s := qkv.Shape()
	if qkv.Dims() != 2 || h.Batch < 1 || h.Heads < 1 || s[0]%h.Batch != 0 || s[1]%(3*h.Heads) != 0 {
		return g.fail(fmt.Errorf("attention: qkv %v does not split into batch %d and %d heads", s, h.Batch, h.Heads)), nil
	}
	d := attnDims{batch: h.Batch, heads: h.Heads, t: s[0] / h.Batch, dk: s[1] / 3 / h.Heads, scale: scale}
	if !pad.Shape().Eq(tensor.Shape{d.batch, d.t}) {
		return g.fail(fmt.Errorf("attention: pad %v, want [%d %d]", pad.Shape(), d.batch, d.t)), nil
	}
	in := gorgonia.Nodes{qkv, pad}
	if drop != nil {
		if !drop.Shape().Eq(d.probsShape()) {
			return g.fail(fmt.Errorf("attention: dropout mask %v, want %v", drop.Shape(), d.probsShape())), nil
		}
		in = append(in, drop)
	}
	g.nOps++
	st := &attnState{}
	name := fmt.Sprintf("Attention#%d%+v", g.nOps, d)
	out, err := gorgonia.ApplyOp(attentionOp{opBase{name, len(in)}, d, st}, in...)
	if err != nil {
		return g.fail(fmt.Errorf("attention: %w", err)), nil
	}
	probs = g.keep(readKept("Probs"+name, out, d.probsShape(), func() ([]float32, []float64) { return st.p32, st.p64 }))
	return out, probs
}

type attnDims struct {
	batch, heads, t, dk int
	scale               float64
}

func (d attnDims) width() int               { return d.heads * d.dk }
func (d attnDims) probsShape() tensor.Shape { return tensor.Shape{d.batch * d.heads, d.t, d.t} }

// attnState is what the forward pass keeps for the backward one and for the
// probs node: the softmax of each head, and scratch (the dropped-out
// weights forward, the score gradient backward).
type attnState struct {
	p32, ds32 []float32
	p64, ds64 []float64
}

type attentionOp struct {
	opBase
	d  attnDims
	st *attnState
}

func (op attentionOp) Type() hm.Type {
	if op.arity == 3 {
		return fnType(tt(2), 2, 2, 3)
	}
	return fnType(tt(2), 2, 2)
}

func (op attentionOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.Shape{op.d.batch * op.d.t, op.d.width()}, nil
}

func (op attentionOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

func (op attentionOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	ins, err := denses(op.name, in)
	if err != nil {
		return nil, err
	}
	o, err := outOf(op.name, out, ins[0], op.d.batch*op.d.t, op.d.width())
	if err != nil {
		return nil, err
	}
	n := op.d.probsShape().TotalSize()
	switch ins[0].Dtype() {
	case tensor.Float64:
		qkv := ins[0].Float64s()
		op.st.p64, op.st.ds64 = grow(op.st.p64, n), grow(op.st.ds64, n)
		attnForward(op.d, qkv, ins[1].Float64s(), maskOf[float64](ins), op.st.p64, op.st.ds64, o.Float64s())
	case tensor.Float32:
		qkv := ins[0].Float32s()
		op.st.p32, op.st.ds32 = grow(op.st.p32, n), grow(op.st.ds32, n)
		attnForward(op.d, qkv, ins[1].Float32s(), maskOf[float32](ins), op.st.p32, op.st.ds32, o.Float32s())
	}
	return o, nil
}

func (op attentionOp) DiffWRT(n int) []bool { return append([]bool{true}, make([]bool, n-1)...) }

func (op attentionOp) SymDiff(in gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	gradIn := append(append(gorgonia.Nodes{}, in...), grad)
	dqkv, err := gorgonia.ApplyOp(attentionGradOp{opBase{"Grad" + op.name, len(gradIn)}, op.d, op.st}, gradIn...)
	ds := make(gorgonia.Nodes, len(in))
	ds[0] = dqkv
	return ds, err
}

// attentionGradOp maps (qkv, pad[, drop], dOut) to dqkv [B*T, 3D].
type attentionGradOp struct {
	opBase
	d  attnDims
	st *attnState
}

func (op attentionGradOp) Type() hm.Type {
	if op.arity == 4 {
		return fnType(tt(2), 2, 2, 3, 2)
	}
	return fnType(tt(2), 2, 2, 2)
}

func (op attentionGradOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.Shape{op.d.batch * op.d.t, 3 * op.d.width()}, nil
}

func (op attentionGradOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

func (op attentionGradOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	ins, err := denses(op.name, in)
	if err != nil {
		return nil, err
	}
	o, err := outOf(op.name, out, ins[0], op.d.batch*op.d.t, 3*op.d.width())
	if err != nil {
		return nil, err
	}
	fwd := ins[:len(ins)-1]
	dOut := ins[len(ins)-1]
	n := op.d.probsShape().TotalSize()
	switch ins[0].Dtype() {
	case tensor.Float64:
		qkv := ins[0].Float64s()
		if len(op.st.p64) != n {
			return nil, fmt.Errorf("%s: backward before forward", op.name)
		}
		op.st.ds64 = grow(op.st.ds64, n)
		attnBackward(op.d, qkv, maskOf[float64](fwd), op.st.p64, op.st.ds64, dOut.Float64s(), o.Float64s())
	case tensor.Float32:
		qkv := ins[0].Float32s()
		if len(op.st.p32) != n {
			return nil, fmt.Errorf("%s: backward before forward", op.name)
		}
		op.st.ds32 = grow(op.st.ds32, n)
		attnBackward(op.d, qkv, maskOf[float32](fwd), op.st.p32, op.st.ds32, dOut.Float32s(), o.Float32s())
	}
	return o, nil
}

// maskOf is the dropout mask among the forward inputs (qkv, pad[, drop]), or nil.
func maskOf[T Float](in []*tensor.Dense) []T {
	if len(in) < 3 {
		return nil
	}
	return elems[T](in[2])
}
