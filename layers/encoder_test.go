package layers_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/layers"
)

// TestTwoEncoders: encoders with their own prefixes share a graph (a second
// one under the same prefix is refused, naming the parameter), and each
// follows its shape's dropout.
func TestTwoEncoders(t *testing.T) {
	g := newG(t)
	shape := func(p float64) arch.Shape {
		return arch.Shape{DModel: dim, Heads: heads, FF: ff, Layers: 2, NormFirst: true, Activation: arch.GELU, Dropout: p}
	}
	a, err := layers.NewEncoder(g, "left", shape(0))
	if err != nil {
		t.Fatal(err)
	}
	b, err := layers.NewEncoder(g, "right", shape(0.5))
	if err != nil {
		t.Fatalf("a second encoder with its own prefix: %v", err)
	}
	if _, err := layers.NewEncoder(g, "left", shape(0)); err == nil || !strings.Contains(err.Error(), "left.layers.0.") {
		t.Errorf("a second encoder under the same prefix: got %v, want an error naming left.layers.0.*", err)
	}
	for _, name := range []string{"left.layers.1.norm2.weight", "left.norm.bias", "right.layers.0.self_attn.in_proj_weight"} {
		if _, ok := g.Param(name); !ok {
			t.Errorf("no parameter %s in %v", name, g.Names())
		}
	}
	x := g.Input("x", batch*seq, dim)
	p := g.Input("pad", batch, seq)
	ha, _ := a.Forward(x, p, batch)
	hb, _ := b.Forward(x, p, batch)
	wa, wb := g.Watch(ha[1]), g.Watch(hb[1])
	if err := g.Set(x, graph.Normal(1)(rand.New(rand.NewPCG(2, 2)), []int{batch * seq, dim})); err != nil {
		t.Fatal(err)
	}
	if err := g.Set(p, pad); err != nil {
		t.Fatal(err)
	}
	if err := g.Compile(nil); err != nil {
		t.Fatal(err)
	}
	run := func(seed uint64, training bool) (left, right []float64) {
		for _, e := range []*layers.Encoder{a, b} {
			if err := e.Dropout.Fill(rand.New(rand.NewPCG(seed, 3)), training); err != nil {
				t.Fatal(err)
			}
		}
		if err := g.Run(); err != nil {
			t.Fatal(err)
		}
		return slices.Clone(wa.Value()), slices.Clone(wb.Value())
	}
	l0, r0 := run(1, false)
	l1, r1 := run(1, true)
	if !slices.Equal(l0, l1) {
		t.Error("the encoder without dropout changed in training")
	}
	if slices.Equal(r0, r1) {
		t.Error("the encoder with dropout 0.5 did not change in training")
	}
	if slices.Equal(l0, r0) {
		t.Error("two encoders with their own parameters gave the same output")
	}
}
