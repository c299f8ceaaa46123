package layers_test

import (
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

// must[T](t)(f(...)) unwraps a call or fails the test; nd is must for nodes.
func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func nd(t *testing.T) func(*gorgonia.Node, error) *gorgonia.Node { return must[*gorgonia.Node](t) }

// inX is the layer input [B*T, D], a parameter so that its gradient is checked too.
func inX(t *testing.T, g *graph.Graph) *gorgonia.Node {
	return nd(t)(g.NewParam("in.x", graph.AsIs, graph.Normal(1), batch*seq, dim))
}

func padNode(g *graph.Graph) *gorgonia.Node { return g.Constant("pad", pad, batch, seq) }

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
	r := graph.Normal(1)(rng, y.Shape())
	loss := nd(t)(gorgonia.Sum(nd(t)(gorgonia.HadamardProd(y, g.Constant("R", r, y.Shape()...)))))
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
		grads[p.Name] = must[[]float64](t)(p.TorchGrad())
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

func TestLayersFiniteDifferences(t *testing.T) {
	encoderLayer := func(normFirst bool, act arch.Activation) func(*testing.T, *graph.Graph) *gorgonia.Node {
		return func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			c := arch.Shape{DModel: dim, Heads: heads, FF: ff, Layers: 1, NormFirst: normFirst, Activation: act}
			l := must[*layers.EncoderLayer](t)(layers.NewEncoderLayer(g, "", c, nil))
			y, _, err := l.Forward(inX(t, g), padNode(g), batch)
			return nd(t)(y, err)
		}
	}
	feedForward := func(act arch.Activation) func(*testing.T, *graph.Graph) *gorgonia.Node {
		return func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			return nd(t)(must[*layers.FeedForward](t)(layers.NewFeedForward(g, "", dim, ff, act, nil)).Forward(inX(t, g)))
		}
	}
	cases := []struct {
		name  string
		build func(*testing.T, *graph.Graph) *gorgonia.Node
		want  map[string][]int // declared parameters besides in.x
	}{
		{"Embedding", func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			e := must[*layers.Embedding](t)(layers.NewEmbedding(g, "embed", 6, dim))
			ids := g.IntInput("ids", batch*seq)
			if err := g.Set(ids, []int{1, 3, 1, 0, 5, 1}); err != nil { // row 1 three times
				t.Fatal(err)
			}
			return nd(t)(e.Forward(ids))
		}, map[string][]int{"embed.weight": {6, dim}}},
		{"Positions/learned", func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			return nd(t)(must[*layers.Positions](t)(layers.NewPositions(g, "pos", true, 5, dim, batch, seq)).Forward(inX(t, g)))
		}, map[string][]int{"pos.weight": {5, dim}}},
		{"Attention", func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			a := must[*layers.Attention](t)(layers.NewAttention(g, "self_attn.", dim, heads, nil))
			out, _, err := a.Forward(inX(t, g), padNode(g), batch)
			return nd(t)(out, err)
		}, attentionNames("self_attn.")},
		{"LayerNorm", func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			return nd(t)(must[*layers.LayerNorm](t)(layers.NewLayerNorm(g, "norm", dim)).Forward(inX(t, g)))
		}, normNames("norm")},
		{"FeedForward/relu", feedForward(arch.ReLU), ffNames("")},
		{"FeedForward/gelu", feedForward(arch.GELU), ffNames("")},
		{"EncoderLayer/post-norm", encoderLayer(false, arch.ReLU), layerNames("")},
		{"EncoderLayer/pre-norm", encoderLayer(true, arch.GELU), layerNames("")},
		{"Encoder/2 layers pre-norm", func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			c := arch.Shape{DModel: dim, Heads: heads, FF: ff, Layers: 2, NormFirst: true, Activation: arch.GELU}
			e := must[*layers.Encoder](t)(layers.NewEncoder(g, c, nil))
			hidden, probs, err := e.Forward(inX(t, g), padNode(g), batch)
			if err == nil && (len(hidden) != 2 || len(probs) != 2) {
				t.Fatalf("%d hidden and %d probs, want 2 and 2", len(hidden), len(probs))
			}
			return must[[]*gorgonia.Node](t)(hidden, err)[1]
		}, names(layerNames("encoder.layers.0."), layerNames("encoder.layers.1."), normNames("encoder.norm"))},
		{"Linear", func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			return nd(t)(must[*layers.Linear](t)(layers.NewLinear(g, "lin", dim, 5)).Forward(inX(t, g)))
		}, linearNames("lin", dim, 5)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := newG(t)
			y := c.build(t, g)
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
