package layers

import (
	"fmt"

	"github.com/attendlab/attend/graph"
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

// NewEmbedding declares NAME.weight, initialised N(0, std²); std 0 means 1,
// as nn.Embedding. A small std starts every word near zero, so that a word
// training rarely or never updates (an unknown word's [UNK]) adds little but
// its position to the sentence.
func NewEmbedding(g *graph.Graph, name string, vocab, dim int, std float64) (*Embedding, error) {
	switch {
	case vocab < 1 || dim < 1:
		return nil, fmt.Errorf("embedding %s: vocab %d and dim %d must be positive", name, vocab, dim)
	case !(std >= 0):
		return nil, fmt.Errorf("embedding %s: initial std %v must be a number >= 0", name, std)
	}
	if std == 0 {
		std = 1
	}
	w, err := g.NewParam(name+".weight", graph.AsIs, graph.Normal(std), vocab, dim)
	if err != nil {
		return nil, err
	}
	return &Embedding{g: g, Vocab: vocab, Dim: dim, Weight: w}, nil
}

// Forward looks up ids [N] (tensor.Int) and returns their vectors [N, D].
func (e *Embedding) Forward(ids *graph.Node) *graph.Node {
	return e.g.Lookup(e.Weight.Node(), ids)
}
