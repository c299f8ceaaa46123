package graph_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/optim"
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

// NewOptimizer hands a compiled graph's trainable parameters to an optimizer;
// each Step after a Run updates them from that Run's gradients (by hand:
// the first gradient is [1 2; -1 -2], so step 2 has logits -1.05 and 1.05,
// loss ln(1+e^-2.1) = 0.1155).
func ExampleNewOptimizer() {
	g, err := graph.New(graph.Float32, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		panic(err)
	}
	w, _ := g.NewParam("lin.weight", graph.Transposed, graph.Fill(0), 2, 2)
	b, _ := g.NewParam("lin.bias", graph.Row, graph.Fill(0), 2)
	x, label := g.Input("x", 1, 2), g.Input("label", 1)
	loss := g.CrossEntropy(g.Linear(x, w.Node(), b.Node()), label)
	watch := g.Watch(loss)
	if err := g.Compile(loss); err != nil {
		panic(err)
	}
	opt, err := graph.NewOptimizer(g, optim.NewSGD[float32](optim.SGDConfig{}))
	if err != nil {
		panic(err)
	}
	_ = g.Set(x, []float64{2, 4})
	_ = g.Set(label, []float64{1})
	for step := 1; step <= 3; step++ {
		if err := g.Run(); err != nil {
			panic(err)
		}
		fmt.Printf("step %d: loss %.4f\n", step, watch.Value()[0])
		if err := opt.Step(0.1); err != nil {
			panic(err)
		}
	}
	// Output:
	// step 1: loss 0.6931
	// step 2: loss 0.1155
	// step 3: loss 0.0746
}
