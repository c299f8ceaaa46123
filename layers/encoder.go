package layers

import (
	"fmt"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/graph"
)

// EncoderLayer is PyTorch's TransformerEncoderLayer: self-attention and a
// feed-forward block, each wrapped in a residual connection and a layer norm.
// Post-norm (the original Transformer): x = norm1(x + SA(x)); x = norm2(x + FF(x)).
// Pre-norm (norm_first, steadier to train): x = x + SA(norm1(x)); x = x + FF(norm2(x)).
type EncoderLayer struct {
	g         *graph.Graph
	NormFirst bool
	Attn      *Attention
	FF        *FeedForward
	Norm1     *LayerNorm
	Norm2     *LayerNorm
	drop      *Dropout
	name      string
}

// NewEncoderLayer declares the layer's parameters under PREFIX (for example
// "encoder.layers.0."); s.Layers and s.MaxLen do not matter here.
func NewEncoderLayer(g *graph.Graph, prefix string, s arch.Shape, drop *Dropout) (*EncoderLayer, error) {
	attn, err := NewAttention(g, prefix+"self_attn.", s.DModel, s.Heads, drop)
	if err != nil {
		return nil, err
	}
	ff, err := NewFeedForward(g, prefix, s.DModel, s.FF, s.Activation, drop)
	if err != nil {
		return nil, err
	}
	n1, err := NewLayerNorm(g, prefix+"norm1", s.DModel)
	if err != nil {
		return nil, err
	}
	n2, err := NewLayerNorm(g, prefix+"norm2", s.DModel)
	if err != nil {
		return nil, err
	}
	return &EncoderLayer{g: g, NormFirst: s.NormFirst, Attn: attn, FF: ff, Norm1: n1, Norm2: n2, drop: drop, name: prefix}, nil
}

// Forward maps x [B*T, D] to [B*T, D] and returns the attention probabilities.
func (l *EncoderLayer) Forward(x, pad *graph.Node, batch int) (y, probs *graph.Node) {
	attend := func(h *graph.Node) *graph.Node {
		h, probs = l.Attn.Forward(h, pad, batch)
		return l.drop.Forward(h, l.name+"dropout1")
	}
	feed := func(h *graph.Node) *graph.Node {
		return l.drop.Forward(l.FF.Forward(h), l.name+"dropout2")
	}
	if l.NormFirst {
		x = l.g.Add(x, attend(l.Norm1.Forward(x)))
		return l.g.Add(x, feed(l.Norm2.Forward(x))), probs
	}
	x = l.Norm1.Forward(l.g.Add(x, attend(x)))
	return l.Norm2.Forward(l.g.Add(x, feed(x))), probs
}

// ForwardRows is Forward at the listed rows of x only (int rows [R]): the
// attention reads every token's key and value but only those rows' queries,
// and the rest of the layer runs on the R rows. It returns [R, D]; the
// layer must have no dropout (its masks are drawn for every row).
func (l *EncoderLayer) ForwardRows(x, pad, rows *graph.Node, batch int) *graph.Node {
	if l.drop != nil && l.drop.P > 0 {
		return l.g.Fail(fmt.Errorf("encoder layer %s: rows only without dropout (dropout %v)", l.name, l.drop.P))
	}
	xr := l.g.Lookup(x, rows) // the residual stream at the listed rows
	if l.NormFirst {
		xr = l.g.Add(xr, l.Attn.ForwardRows(l.Norm1.Forward(x), pad, rows, batch))
		return l.g.Add(xr, l.FF.Forward(l.Norm2.Forward(xr)))
	}
	xr = l.Norm1.Forward(l.g.Add(xr, l.Attn.ForwardRows(x, pad, rows, batch)))
	return l.Norm2.Forward(l.g.Add(xr, l.FF.Forward(xr)))
}

// Encoder is a stack of encoder layers, with a final layer norm
// (PREFIX.norm) when the layers are pre-norm, as PyTorch's TransformerEncoder.
type Encoder struct {
	Layers []*EncoderLayer
	Norm   *LayerNorm // nil for post-norm
	// Dropout is the shape's dropout, shared by every layer: Fill its masks
	// before each run (with P == 0 there are none).
	Dropout *Dropout
}

// NewEncoder declares s.Layers layers, PREFIX.layers.{i}.*, and, when
// norm_first, PREFIX.norm.*; the model's prefix is "encoder", PyTorch's name.
// Encoders with other prefixes can share a graph.
func NewEncoder(g *graph.Graph, prefix string, s arch.Shape) (*Encoder, error) {
	if s.Layers < 1 {
		return nil, fmt.Errorf("encoder %s: %d layers: want at least 1", prefix, s.Layers)
	}
	e := &Encoder{Dropout: NewDropout(g, s.Dropout)}
	for i := 0; i < s.Layers; i++ {
		l, err := NewEncoderLayer(g, fmt.Sprintf("%s.layers.%d.", prefix, i), s, e.Dropout)
		if err != nil {
			return nil, err
		}
		e.Layers = append(e.Layers, l)
	}
	if s.NormFirst {
		norm, err := NewLayerNorm(g, prefix+".norm", s.DModel)
		if err != nil {
			return nil, err
		}
		e.Norm = norm
	}
	return e, nil
}

// Forward runs the stack on x [B*T, D]. hidden[i] is the output of layer i+1
// (the last one after the final norm, if any); probs[i] its attention.
func (e *Encoder) Forward(x, pad *graph.Node, batch int) (hidden, probs []*graph.Node) {
	return e.ForwardRows(x, pad, nil, batch)
}

// ForwardRows is Forward whose last layer computes only the listed rows
// (int rows [R]; nil: every row), for a model whose heads read no others:
// hidden's last entry is then [R, D] and probs' last is nil. Without
// dropout only.
func (e *Encoder) ForwardRows(x, pad, rows *graph.Node, batch int) (hidden, probs []*graph.Node) {
	for i, l := range e.Layers {
		var p *graph.Node
		if i == len(e.Layers)-1 && rows != nil {
			x = l.ForwardRows(x, pad, rows, batch)
		} else {
			x, p = l.Forward(x, pad, batch)
		}
		if i == len(e.Layers)-1 && e.Norm != nil {
			x = e.Norm.Forward(x)
		}
		hidden = append(hidden, x)
		probs = append(probs, p)
	}
	return hidden, probs
}
