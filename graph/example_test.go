package graph_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/attendlab/attend/graph"
	"gorgonia.org/tensor"
)

// A graph is built once: parameters, inputs, the ops between them and a loss;
// Compile adds the backward pass, then every Run computes values and gradients.
func Example() {
	g, err := graph.New(tensor.Float64, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		panic(err)
	}
	// nn.Linear(2, 2): weight [out, in], bias [out], here started at zero.
	w, _ := g.NewParam("lin.weight", graph.Transposed, graph.Fill(0), 2, 2)
	b, _ := g.NewParam("lin.bias", graph.Row, graph.Fill(0), 2)
	x := g.Input("x", 1, 2)
	label := g.Input("label", 1)
	logits := g.Linear(x, w.Node(), b.Node())
	loss := g.CrossEntropy(logits, label)
	watch := g.Watch(loss)
	if err := g.Compile(loss); err != nil {
		panic(err)
	}
	_ = g.Set(x, []float64{2, 4})
	_ = g.Set(label, []float64{1})
	if err := g.Run(); err != nil {
		panic(err)
	}
	grad, _ := w.TorchGrad() // PyTorch's layout: [out, in], row-major
	fmt.Printf("loss %.4f (ln 2)\nd loss / d weight %v\n", watch.Value()[0], grad)
	// Output:
	// loss 0.6931 (ln 2)
	// d loss / d weight [1 2 -1 -2]
}
