package layers

import (
	"math"

	"github.com/attendlab/attend/graph"
)

// Linear is y = x·Wᵀ + b with PyTorch's nn.Linear names (NAME.weight [out, in],
// NAME.bias [out]) and initialisation (both U(±1/√in)).
type Linear struct {
	g       *graph.Graph
	In, Out int
	Weight  *graph.Param // NAME.weight [out, in], stored [in, out]
	Bias    *graph.Param // NAME.bias [out], stored [1, out]
}

// WeightName is the weight's name of a Linear declared as name, for a file
// read before any model is built (its sense head's classes).
func WeightName(name string) string { return name + ".weight" }

// NewLinear declares NAME.weight and NAME.bias.
func NewLinear(g *graph.Graph, name string, in, out int) (*Linear, error) {
	bound := 1 / math.Sqrt(float64(in))
	w, err := g.NewParam(WeightName(name), graph.Transposed, graph.Uniform(bound), out, in)
	if err != nil {
		return nil, err
	}
	b, err := g.NewParam(name+".bias", graph.Row, graph.Uniform(bound), out)
	if err != nil {
		return nil, err
	}
	return &Linear{g: g, In: in, Out: out, Weight: w, Bias: b}, nil
}

// SkipLinear draws from g's generator what NewLinear(g, _, in, out) would,
// declaring nothing: the parameters declared after a layer left out start
// where they would with it.
func SkipLinear(g *graph.Graph, in, out int) {
	bound := 1 / math.Sqrt(float64(in))
	g.Skip(graph.Uniform(bound), out, in)
	g.Skip(graph.Uniform(bound), out)
}

// Forward maps x [N, in] to [N, out].
func (l *Linear) Forward(x *graph.Node) *graph.Node {
	return l.g.Linear(x, l.Weight.Node(), l.Bias.Node())
}
