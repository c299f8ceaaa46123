package layers_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/layers"
	"gorgonia.org/tensor"
)

// An encoder maps a batch of token vectors [B*T, D] to contextual ones of the
// same shape; the prefix names its parameters, so several can share a graph.
func ExampleNewEncoder() {
	const batch, seq = 2, 3
	g, _ := graph.New(tensor.Float32, rand.New(rand.NewPCG(1, 2)))
	shape := arch.Shape{DModel: 8, Heads: 2, FF: 16, Layers: 2, NormFirst: true, Activation: arch.GELU}
	enc, err := layers.NewEncoder(g, "encoder", shape)
	if err != nil {
		panic(err)
	}
	x := g.Input("x", batch*seq, shape.DModel)
	pad := g.Input("pad", batch, seq) // 1 marks a padded token
	hidden, probs := enc.Forward(x, pad, batch)
	last, attn := g.Watch(hidden[len(hidden)-1]), g.Watch(probs[0])
	if err := g.Compile(nil); err != nil {
		panic(err)
	}
	_ = g.Set(x, graph.Normal(1)(rand.New(rand.NewPCG(3, 4)), []int{batch * seq, shape.DModel}))
	_ = g.Set(pad, []float64{0, 0, 0, 0, 0, 1}) // the second sentence has 2 tokens
	if err := enc.Dropout.Fill(nil, false); err != nil {
		panic(err)
	}
	if err := g.Run(); err != nil {
		panic(err)
	}
	fmt.Println("parameters:", len(g.Params()), "first:", g.Params()[0].Name)
	fmt.Println("output:", last.Shape(), "attention of layer 1:", attn.Shape(), "[B*H, T, T]")
	// Output:
	// parameters: 26 first: encoder.layers.0.self_attn.in_proj_weight
	// output: [6 8] attention of layer 1: [4 3 3] [B*H, T, T]
}
