package layers

import (
	"github.com/attendlab/attend/graph"
)

// LayerNorm rescales each token vector to zero mean and unit variance over its
// D features, then applies a learned gain (NAME.weight, ones) and shift
// (NAME.bias, zeros). It keeps activations in a steady range layer after layer.
type LayerNorm struct {
	g    *graph.Graph
	Eps  float64
	Gain *graph.Param // NAME.weight [D], stored [1, D]
	Bias *graph.Param // NAME.bias [D], stored [1, D]
}

// NewLayerNorm declares NAME.weight and NAME.bias with PyTorch's eps of 1e-5.
func NewLayerNorm(g *graph.Graph, name string, d int) (*LayerNorm, error) {
	gain, err := g.NewParam(name+".weight", graph.Row, graph.Fill(1), d)
	if err != nil {
		return nil, err
	}
	bias, err := g.NewParam(name+".bias", graph.Row, graph.Fill(0), d)
	if err != nil {
		return nil, err
	}
	return &LayerNorm{g: g, Eps: 1e-5, Gain: gain, Bias: bias}, nil
}

// Forward normalises x [N, D].
func (l *LayerNorm) Forward(x *graph.Node) *graph.Node {
	return l.g.LayerNorm(x, l.Gain.Node(), l.Bias.Node(), l.Eps)
}
