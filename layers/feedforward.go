package layers

import (
	"fmt"
	"slices"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/graph"
)

// FeedForward is the per-token two-layer network linear2(act(linear1(x))):
// it widens each vector to FF features, applies ReLU or GELU, and projects back.
// Attention mixes tokens; this block transforms each token on its own.
type FeedForward struct {
	g          *graph.Graph
	Activation arch.Activation
	Linear1    *Linear
	Linear2    *Linear
	drop       *Dropout
	name       string
}

// NewFeedForward declares PREFIX.linear1.* [ff, d] and PREFIX.linear2.* [d, ff].
func NewFeedForward(g *graph.Graph, prefix string, d, ff int, activation arch.Activation, drop *Dropout) (*FeedForward, error) {
	if !slices.Contains(arch.Activations, activation) {
		return nil, fmt.Errorf("feed-forward: activation: %s", arch.OneOf(activation, arch.Activations))
	}
	l1, err := NewLinear(g, prefix+"linear1", d, ff)
	if err != nil {
		return nil, err
	}
	l2, err := NewLinear(g, prefix+"linear2", ff, d)
	if err != nil {
		return nil, err
	}
	return &FeedForward{g: g, Activation: activation, Linear1: l1, Linear2: l2, drop: drop, name: prefix}, nil
}

// Forward maps x [N, D] to [N, D].
func (f *FeedForward) Forward(x *graph.Node) *graph.Node {
	h := f.Linear1.Forward(x)
	switch f.Activation {
	case arch.GELU:
		h = f.g.GELU(h)
	case arch.ReLU:
		h = f.g.ReLU(h)
	}
	h = f.drop.Forward(h, f.name+"ff.dropout")
	return f.Linear2.Forward(h)
}
