package layers_test

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/layers"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Tiny shapes keep the finite differences fast: batch 2 of 3 tokens, width 4.
const batch, seq, dim, heads, ff = 2, 3, 4, 2, 6

// pad marks the last token of the second sequence as padding.
var pad = []float64{0, 0, 0, 0, 0, 1}

func newG(t *testing.T) *graph.Graph {
	t.Helper()
	g, err := graph.New(tensor.Float64, rand.New(rand.NewPCG(3, 5)))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// input declares the layer input x [B*T, D] as a parameter, so that its
// gradient is checked too, and the padding mask [B, T].
func input(t *testing.T, g *graph.Graph) (x, padding *gorgonia.Node) {
	t.Helper()
	p, err := g.NewParam("in.x", graph.AsIs, graph.Normal(1), batch*seq, dim)
	if err != nil {
		t.Fatal(err)
	}
	return p.Node(), g.Constant("pad", pad, batch, seq)
}

// fdCheck randomises every parameter (zero biases and unit gains would hide
// mistakes), builds loss = sum(y ⊙ R), and compares each parameter's analytic
// gradient with central differences of step 1e-6 in float64.
func fdCheck(t *testing.T, g *graph.Graph, y *gorgonia.Node) {
	t.Helper()
	const h, rtol, atol = 1e-6, 1e-6, 1e-8
	rng := rand.New(rand.NewPCG(9, 9))
	for _, p := range g.Params() {
		if err := p.SetTorch(graph.Normal(0.7)(rng, p.Shape)); err != nil {
			t.Fatal(err)
		}
	}
	r := g.Constant("R", graph.Normal(1)(rng, y.Shape()), y.Shape()...)
	yr, err := gorgonia.HadamardProd(y, r)
	if err != nil {
		t.Fatal(err)
	}
	loss, err := gorgonia.Sum(yr)
	if err != nil {
		t.Fatal(err)
	}
	w := g.Watch(loss)
	if err := g.Compile(loss); err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	run := func() float64 {
		t.Helper()
		if err := g.Run(); err != nil {
			t.Fatal(err)
		}
		return w.Value()[0]
	}
	run()
	grads := map[string][]float64{}
	for _, p := range g.Params() {
		if grads[p.Name], err = p.TorchGrad(); err != nil {
			t.Fatal(err) // every parameter, the input's too, must reach the loss
		}
	}
	var maxAbs, maxRel float64
	fails := 0
	for _, p := range g.Params() {
		x := p.Torch()
		for i, orig := range x {
			at := func(v float64) float64 {
				x[i] = v
				if err := p.SetTorch(x); err != nil {
					t.Fatal(err)
				}
				return run()
			}
			fd := (at(orig+h) - at(orig-h)) / (2 * h)
			at(orig)
			an := grads[p.Name][i]
			d := math.Abs(fd - an)
			maxAbs = math.Max(maxAbs, d)
			if math.Abs(an) > 1e-6 {
				maxRel = math.Max(maxRel, d/math.Abs(an))
			}
			if d > atol && d > rtol*math.Abs(an) {
				if fails++; fails <= 5 {
					t.Errorf("%s[%d]: analytic %.10g, finite difference %.10g", p.Name, i, an, fd)
				}
			}
		}
	}
	t.Logf("fd over %d params: max abs %.3g, max rel %.3g", len(grads), maxAbs, maxRel)
}

// PyTorch state-dict names and shapes of the blocks.
func names(parts ...map[string][]int) map[string][]int {
	out := map[string][]int{}
	for _, p := range parts {
		maps.Copy(out, p)
	}
	return out
}

func linearNames(name string, in, out int) map[string][]int {
	return map[string][]int{name + ".weight": {out, in}, name + ".bias": {out}}
}

func normNames(name string) map[string][]int {
	return map[string][]int{name + ".weight": {dim}, name + ".bias": {dim}}
}

func attentionNames(prefix string) map[string][]int {
	return names(linearNames(prefix+"out_proj", dim, dim), map[string][]int{prefix + "in_proj_weight": {3 * dim, dim}, prefix + "in_proj_bias": {3 * dim}})
}

func ffNames(prefix string) map[string][]int {
	return names(linearNames(prefix+"linear1", dim, ff), linearNames(prefix+"linear2", ff, dim))
}

func layerNames(prefix string) map[string][]int {
	return names(attentionNames(prefix+"self_attn."), ffNames(prefix), normNames(prefix+"norm1"), normNames(prefix+"norm2"))
}

// Each build declares one block on g and returns its output for input x.
func buildEmbedding(g *graph.Graph, x, _ *gorgonia.Node) (*gorgonia.Node, error) {
	e, err := layers.NewEmbedding(g, "embed", 6, dim, 0)
	if err != nil {
		return nil, err
	}
	ids := g.IntInput("ids", batch*seq)
	if err := g.Set(ids, []int{1, 3, 1, 0, 5, 1}); err != nil { // row 1 three times
		return nil, err
	}
	return g.Add(e.Forward(ids), x), nil // x is checked here as everywhere else
}

func buildPositions(g *graph.Graph, x, _ *gorgonia.Node) (*gorgonia.Node, error) {
	p, err := layers.NewPositions(g, "pos", true, 5, dim, batch, seq)
	if err != nil {
		return nil, err
	}
	return p.Forward(x), nil
}

func buildAttention(g *graph.Graph, x, pad *gorgonia.Node) (*gorgonia.Node, error) {
	a, err := layers.NewAttention(g, "self_attn.", dim, heads, nil)
	if err != nil {
		return nil, err
	}
	y, _ := a.Forward(x, pad, batch)
	return y, nil
}

func buildLayerNorm(g *graph.Graph, x, _ *gorgonia.Node) (*gorgonia.Node, error) {
	n, err := layers.NewLayerNorm(g, "norm", dim)
	if err != nil {
		return nil, err
	}
	return n.Forward(x), nil
}

func buildLinear(g *graph.Graph, x, _ *gorgonia.Node) (*gorgonia.Node, error) {
	l, err := layers.NewLinear(g, "lin", dim, 5)
	if err != nil {
		return nil, err
	}
	return l.Forward(x), nil
}

func buildFeedForward(act arch.Activation) func(g *graph.Graph, x, _ *gorgonia.Node) (*gorgonia.Node, error) {
	return func(g *graph.Graph, x, _ *gorgonia.Node) (*gorgonia.Node, error) {
		f, err := layers.NewFeedForward(g, "", dim, ff, act, nil)
		if err != nil {
			return nil, err
		}
		return f.Forward(x), nil
	}
}

func buildEncoderLayer(normFirst bool, act arch.Activation) func(g *graph.Graph, x, pad *gorgonia.Node) (*gorgonia.Node, error) {
	return func(g *graph.Graph, x, pad *gorgonia.Node) (*gorgonia.Node, error) {
		s := arch.Shape{DModel: dim, Heads: heads, FF: ff, Layers: 1, NormFirst: normFirst, Activation: act}
		l, err := layers.NewEncoderLayer(g, "", s, nil)
		if err != nil {
			return nil, err
		}
		y, _ := l.Forward(x, pad, batch)
		return y, nil
	}
}

func buildEncoder(g *graph.Graph, x, pad *gorgonia.Node) (*gorgonia.Node, error) {
	s := arch.Shape{DModel: dim, Heads: heads, FF: ff, Layers: 2, NormFirst: true, Activation: arch.GELU}
	e, err := layers.NewEncoder(g, "encoder", s)
	if err != nil {
		return nil, err
	}
	hidden, probs := e.Forward(x, pad, batch)
	if len(hidden) != 2 || len(probs) != 2 {
		return nil, fmt.Errorf("%d hidden and %d probs, want 2 and 2", len(hidden), len(probs))
	}
	return hidden[1], nil
}

func TestLayersFiniteDifferences(t *testing.T) {
	cases := []struct {
		name  string
		build func(g *graph.Graph, x, pad *gorgonia.Node) (*gorgonia.Node, error)
		want  map[string][]int // declared parameters besides in.x
	}{
		{"Embedding", buildEmbedding, map[string][]int{"embed.weight": {6, dim}}},
		{"Positions/learned", buildPositions, map[string][]int{"pos.weight": {5, dim}}},
		{"Attention", buildAttention, attentionNames("self_attn.")},
		{"LayerNorm", buildLayerNorm, normNames("norm")},
		{"FeedForward/relu", buildFeedForward(arch.ReLU), ffNames("")},
		{"FeedForward/gelu", buildFeedForward(arch.GELU), ffNames("")},
		{"EncoderLayer/post-norm", buildEncoderLayer(false, arch.ReLU), layerNames("")},
		{"EncoderLayer/pre-norm", buildEncoderLayer(true, arch.GELU), layerNames("")},
		{"Encoder/2 layers pre-norm", buildEncoder, names(layerNames("encoder.layers.0."), layerNames("encoder.layers.1."), normNames("encoder.norm"))},
		{"Linear", buildLinear, linearNames("lin", dim, 5)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := newG(t)
			x, pad := input(t, g)
			y, err := c.build(g, x, pad)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range g.Names() {
				if !strings.HasPrefix(n, "in.") {
					got = append(got, n)
				}
			}
			if want := slices.Sorted(maps.Keys(c.want)); !slices.Equal(got, want) {
				t.Fatalf("parameters %q, want %q", got, want)
			}
			for name, shape := range c.want {
				if p, _ := g.Param(name); !slices.Equal(p.Shape, shape) {
					t.Errorf("%s: shape %v, want PyTorch's %v", name, p.Shape, shape)
				}
			}
			fdCheck(t, g, y)
		})
	}
}

// Sinusoidal positions declare nothing and add table row t to every token at
// position t of every sequence.
