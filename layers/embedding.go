package layers

import (
	"fmt"

	"github.com/attendlab/attend/graph"
	"gorgonia.org/gorgonia"
)

// Embedding is the static word vector: one learned row of NAME.weight [V, D] per
// token id, the same row wherever the word appears. Id 0 is padding; its row is
// looked up like any other and attention ignores padded positions.
type Embedding struct {
	g      *graph.Graph
	Vocab  int
	Dim    int
	Weight *graph.Param // NAME.weight [V, D], stored as is
}

// NewEmbedding declares NAME.weight, initialised N(0, 1) as nn.Embedding.
func NewEmbedding(g *graph.Graph, name string, vocab, dim int) (*Embedding, error) {
	if vocab < 1 || dim < 1 {
		return nil, fmt.Errorf("embedding %s: vocab %d and dim %d must be positive", name, vocab, dim)
	}
	w, err := g.NewParam(name+".weight", graph.AsIs, graph.Normal(1), vocab, dim)
	if err != nil {
		return nil, err
	}
	return &Embedding{g: g, Vocab: vocab, Dim: dim, Weight: w}, nil
}

// Forward looks up ids [N] (tensor.Int) and returns their vectors [N, D].
func (e *Embedding) Forward(ids *gorgonia.Node) (*gorgonia.Node, error) {
	return e.g.Lookup(e.Weight.Node(), ids)
}
