package graph

import (
	"fmt"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// splitHeads takes one of the packed projections out of qkv [B*T, parts*D]
// (part 0 = Q, 1 = K, 2 = V as in PyTorch's in_proj) and lays it out per head:
// [B*H, T, D/H]. It is a pure permutation, written as an op because the
// Reshape/Transpose route trips gorgonia's reshape-then-overwrite bug.
func (g *Graph) splitHeads(qkv *gorgonia.Node, batch, heads, parts, part int) *gorgonia.Node {
	if !g.live("SplitHeads", qkv) {
		return nil
	}
	s := qkv.Shape()
	if qkv.Dims() != 2 || s[0]%batch != 0 || s[1]%parts != 0 || (s[1]/parts)%heads != 0 || part < 0 || part >= parts {
		return g.fail(fmt.Errorf("SplitHeads: shape %v does not split into batch %d, %d parts, %d heads", s, batch, parts, heads))
	}
	p := headPerm{batch: batch, t: s[0] / batch, heads: heads, dk: s[1] / parts / heads, parts: parts, part: part}
	return g.keep(gorgonia.ApplyOp(splitHeadsOp{opBase{fmt.Sprintf("SplitHeads%+v", p), 1}, p}, qkv))
}

// mergeHeads is the inverse layout: [B*H, T, dk] to [B*T, H*dk].
func (g *Graph) mergeHeads(x *gorgonia.Node, batch int) *gorgonia.Node {
	if !g.live("MergeHeads", x) {
		return nil
	}
	s := x.Shape()
	if x.Dims() != 3 || s[0]%batch != 0 {
		return g.fail(fmt.Errorf("MergeHeads: shape %v does not merge with batch %d", s, batch))
	}
	p := headPerm{batch: batch, t: s[1], heads: s[0] / batch, dk: s[2], parts: 1}
	return g.keep(gorgonia.ApplyOp(mergeHeadsOp{opBase{fmt.Sprintf("MergeHeads%+v", p), 1}, p}, x))
}

// headPerm maps element (b, t, h, j) between the two layouts.
type headPerm struct{ batch, t, heads, dk, parts, part int }

func (p headPerm) flatShape() tensor.Shape {
	return tensor.Shape{p.batch * p.t, p.parts * p.heads * p.dk}
}
func (p headPerm) headShape() tensor.Shape { return tensor.Shape{p.batch * p.heads, p.t, p.dk} }

// each calls f(flatIndex, headIndex) for every element of the chosen part.
func (p headPerm) each(f func(flat, head int)) {
	d := p.heads * p.dk
	width := p.parts * d
	for b := 0; b < p.batch; b++ {
		for t := 0; t < p.t; t++ {
			row := (b*p.t+t)*width + p.part*d
			for h := 0; h < p.heads; h++ {
				base := ((b*p.heads+h)*p.t + t) * p.dk
				for j := 0; j < p.dk; j++ {
					f(row+h*p.dk+j, base+j)
				}
			}
		}
	}
}

func permute[T Float](p headPerm, src, dst []T, toHeads bool) {
	if toHeads {
		p.each(func(flat, head int) { dst[head] = src[flat] })
		return
	}
	p.each(func(flat, head int) { dst[flat] = src[head] })
}

// runPerm allocates the output and copies src through the permutation; when
// toHeads is false it scatters into the flat layout (zeros outside the part).
func runPerm(name string, p headPerm, v gorgonia.Value, toHeads bool) (gorgonia.Value, error) {
	src, err := dense(name, v)
	if err != nil {
		return nil, err
	}
	shape := p.flatShape()
	if toHeads {
		shape = p.headShape()
	}
	out := newLike(src, shape...)
	switch src.Dtype() {
	case tensor.Float64:
		s := src.Float64s()
		permute(p, s, out.Float64s(), toHeads)
	case tensor.Float32:
		s := src.Float32s()
		permute(p, s, out.Float32s(), toHeads)
	}
	return out, nil
}

type splitHeadsOp struct {
	opBase
	p headPerm
}

func (op splitHeadsOp) Type() hm.Type { return fnType(tt(3), 2) }
func (op splitHeadsOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return op.p.headShape(), nil
}
func (op splitHeadsOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return runPerm(op.name, op.p, in[0], true)
}
func (op splitHeadsOp) DiffWRT(int) []bool { return []bool{true} }
func (op splitHeadsOp) SymDiff(_ gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dx, err := gorgonia.ApplyOp(unsplitOp{opBase{"Unsplit" + op.name, 1}, op.p}, grad)
	return gorgonia.Nodes{dx}, err
}

// unsplitOp scatters a per-head gradient back into its part of the packed layout.
type unsplitOp struct {
	opBase
	p headPerm
}

func (op unsplitOp) Type() hm.Type { return fnType(tt(2), 3) }
func (op unsplitOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return op.p.flatShape(), nil
}
func (op unsplitOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return runPerm(op.name, op.p, in[0], false)
}

type mergeHeadsOp struct {
	opBase
	p headPerm
}

func (op mergeHeadsOp) Type() hm.Type { return fnType(tt(2), 3) }
func (op mergeHeadsOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return op.p.flatShape(), nil
}
func (op mergeHeadsOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return runPerm(op.name, op.p, in[0], false)
}
func (op mergeHeadsOp) DiffWRT(int) []bool { return []bool{true} }
func (op mergeHeadsOp) SymDiff(_ gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dx, err := gorgonia.ApplyOp(splitHeadsOp{opBase{"Unmerge" + op.name, 1}, op.p}, grad)
	return gorgonia.Nodes{dx}, err
}
