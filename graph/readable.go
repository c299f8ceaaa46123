package graph

import "gorgonia.org/gorgonia"

// ReadableAttention computes what [Graph.Attention] computes, one step per op
// as the notebook writes it: split the packed projections into heads, score
// Q·Kᵀ·scale, mask the padded keys and softmax, weight the values, merge the
// heads. It is the plain reference the fused op is tested against (values
// and gradients); a model uses the fused op, which is faster and keeps less.
func (g *Graph) ReadableAttention(qkv, pad *Node, h Heads, scale float64, drop *Node) (out, probs *Node) {
	q := g.splitHeads(qkv, h.Batch, h.Heads, 3, 0)
	k := g.splitHeads(qkv, h.Batch, h.Heads, 3, 1)
	v := g.splitHeads(qkv, h.Batch, h.Heads, 3, 2)
	scores := g.Scale(g.batchedMatMul(q, k, false, true), scale)
	probs = g.maskedSoftmax(scores, pad, h.Heads)
	w := probs
	if drop != nil && g.live("ReadableAttention", probs) {
		w = g.keep(gorgonia.HadamardProd(probs, drop))
	}
	return g.mergeHeads(g.batchedMatMul(w, v, false, false), h.Batch), probs
}
