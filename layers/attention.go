package layers

import (
	"fmt"
	"math"

	"github.com/attendlab/attend/graph"
)

// Attention is multi-head self-attention, as PyTorch's nn.MultiheadAttention.
//
// Every token asks a question (its query Q), advertises what it offers (its key
// K) and carries a content (its value V), all three linear maps of its vector.
// Token i's new vector is a weighted average of all values, the weights being
// softmax(Q_i·K_j / √d_k) over the keys j. Dividing by √d_k keeps the scores'
// spread independent of the head size, so the softmax does not saturate. Each
// of the H heads does this in its own d_k = D/H dimensional subspace, so one
// head can follow syntax while another follows topic; out_proj mixes them.
//
// Forward runs the steps in one fused op, [graph.Graph.Attention]; the same
// steps as separate ops, the plain version to read first, are
// [graph.Graph.ReadableAttention], which the tests hold the fused op equal to.
type Attention struct {
	g       *graph.Graph
	Heads   int
	Dim     int
	InProj  *Linear // in_proj_weight [3D, D] (rows Q, K, V) and in_proj_bias [3D]
	OutProj *Linear // out_proj.weight [D, D] and out_proj.bias [D]
	drop    *Dropout
	name    string
}

// NewAttention declares PREFIX.in_proj_weight, PREFIX.in_proj_bias and
// PREFIX.out_proj.*, initialised as PyTorch does (Xavier for in_proj, zero biases).
func NewAttention(g *graph.Graph, prefix string, d, heads int, drop *Dropout) (*Attention, error) {
	if heads < 1 || d%heads != 0 {
		return nil, fmt.Errorf("attention: d_model %d is not divisible by heads %d", d, heads)
	}
	w, err := g.NewParam(prefix+"in_proj_weight", graph.Transposed, graph.XavierUniform([]int{3 * d, d}), 3*d, d)
	if err != nil {
		return nil, err
	}
	b, err := g.NewParam(prefix+"in_proj_bias", graph.Row, graph.Fill(0), 3*d)
	if err != nil {
		return nil, err
	}
	out, err := NewLinear(g, prefix+"out_proj", d, d)
	if err != nil {
		return nil, err
	}
	if err := out.Bias.SetTorch(make([]float64, d)); err != nil {
		return nil, err
	}
	return &Attention{g: g, Heads: heads, Dim: d, InProj: &Linear{g: g, In: d, Out: 3 * d, Weight: w, Bias: b}, OutProj: out, drop: drop, name: prefix}, nil
}

// Forward attends x [B*T, D] to itself. pad [B, T] holds 1 on padded tokens,
// which get zero attention as keys. It returns the new vectors [B*T, D] and the
// attention probabilities [B*H, T, T] for inspection.
func (a *Attention) Forward(x, pad *graph.Node, batch int) (out, probs *graph.Node) {
	qkv := a.InProj.Forward(x) // [B*T, 3D]: every token's query, key and value
	if qkv == nil {
		return nil, nil // an earlier error, which the graph keeps
	}
	if batch < 1 || x.Shape()[0]%batch != 0 {
		return a.g.Fail(fmt.Errorf("attention %s: %d rows do not split into batch %d", a.name, x.Shape()[0], batch)), nil
	}
	// Per sequence and head: scores Q·Kᵀ scaled by 1/√d_k, padded keys masked
	// out, softmax over the keys (probs [B*H, T, T]), then each token's new
	// vector is the probs-weighted sum of the values, heads side by side.
	dk := a.Dim / a.Heads
	seq := x.Shape()[0] / batch
	drop := a.drop.Mask(a.name+"attn.dropout", batch*a.Heads, seq, seq)
	merged, probs := a.g.Attention(qkv, pad, graph.Heads{Batch: batch, Heads: a.Heads}, 1/math.Sqrt(float64(dk)), drop)
	return a.OutProj.Forward(merged), probs
}

// ForwardRows is Forward at the listed rows of x only (int rows [R], rows
// of x): the new vectors [R, D] of those tokens, each still attending to
// every token of its sequence. It is the last layer of a model whose heads
// read only those rows (EncoderLayer.ForwardRows), without dropout.
func (a *Attention) ForwardRows(x, pad, rows *graph.Node, batch int) *graph.Node {
	if a.drop != nil && a.drop.P > 0 {
		return a.g.Fail(fmt.Errorf("attention %s: rows only without dropout (dropout %v)", a.name, a.drop.P))
	}
	qkv := a.InProj.Forward(x) // keys and values of every token; queries of the listed ones are read
	if qkv == nil {
		return nil
	}
	if batch < 1 || x.Shape()[0]%batch != 0 {
		return a.g.Fail(fmt.Errorf("attention %s: %d rows do not split into batch %d", a.name, x.Shape()[0], batch))
	}
	dk := a.Dim / a.Heads
	merged := a.g.AttentionRows(qkv, pad, rows, graph.Heads{Batch: batch, Heads: a.Heads}, 1/math.Sqrt(float64(dk)))
	return a.OutProj.Forward(merged)
}
