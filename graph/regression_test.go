package graph_test

import (
	"fmt"
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

// One test per known gorgonia v0.9.18 bug. Each asserts that the project's
// route is right and only logs what the naive gorgonia route does, so a fixed
// gorgonia does not break the suite.

// logNaiveFD measures a naive route's gradient against finite differences and
// logs the verdict; build errors and panics are logged too.
func logNaiveFD(t *testing.T, what string, build func(g *graph.Graph) (*gorgonia.Node, error)) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Logf("naive %s: panicked: %v", what, r)
		}
	}()
	g := newG(t)
	y, err := build(g)
	if err != nil {
		t.Logf("naive %s: does not build: %v", what, err)
		return
	}
	res, err := fdCheck(g, y, 5)
	switch {
	case err != nil:
		t.Logf("naive %s: does not run: %v", what, err)
	case len(res.fails) > 0:
		t.Logf("naive %s: WRONG gradient (%d elements off, max rel err %.3g), e.g. %s", what, len(res.fails), res.maxRel, res.fails[0])
	default:
		t.Logf("naive %s: gradient agrees with finite differences (max abs err %.3g): the bug may be fixed", what, res.maxAbs)
	}
}

// positive is an Init for values in [0.5, 2], away from InverseSqrt's pole.
func positive(rng *rand.Rand, shape []int) []float64 {
	v := make([]float64, tensor.Shape(shape).TotalSize())
	for i := range v {
		v[i] = 0.5 + 1.5*rng.Float64()
	}
	return v
}

// (a) InverseSqrt's gradient is wrong; LayerNorm computes 1/√(var+eps) in its own op.
func TestRegressionInverseSqrt(t *testing.T) {
	g := newG(t)
	res := mustFD(t, g, buildLayerNorm(t, g))
	if len(res.grads["x"]) == 0 {
		t.Fatal("no gradient with respect to x")
	}
	logNaiveFD(t, "InverseSqrt", func(g *graph.Graph) (*gorgonia.Node, error) {
		x, err := g.NewParam("x", graph.AsIs, positive, 2, 3)
		if err != nil {
			return nil, err
		}
		return gorgonia.InverseSqrt(x.Node())
	})
}

// (b) ByIndices on a 1-D input has a wrong gradient; Lookup is its own op on a 2-D table
// and CrossEntropy picks the label's logit inside its own op.
func TestRegressionByIndices1D(t *testing.T) {
	for _, c := range []struct {
		name  string
		build func(*testing.T, *graph.Graph) *gorgonia.Node
	}{
		{"Lookup", buildLookup},
		{"CrossEntropy", buildCE([]float64{1, 3, ignored, 1, 0})},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := newG(t)
			mustFD(t, g, c.build(t, g))
		})
	}
	logNaiveFD(t, "ByIndices on a 1-D vector", func(g *graph.Graph) (*gorgonia.Node, error) {
		v, err := g.NewParam("v", graph.AsIs, graph.Normal(1), 5)
		if err != nil {
			return nil, err
		}
		ids := g.IntInput("ids", len(lookupIDs))
		if err := g.Set(ids, lookupIDs); err != nil {
			return nil, err
		}
		return gorgonia.ByIndices(v.Node(), ids, 0)
	})
}

// (c) A 4-D broadcast on axes {1,2} gives the smaller operand a wrong gradient;
// MaskedSoftmax takes the [B, T] mask itself. With several heads and batches
// the mask of batch b must apply to score rows b*H .. b*H+H-1 exactly.
func TestRegressionBroadcastMask(t *testing.T) {
	const b, heads, tt = 2, 3, 3
	pad := []float64{0, 0, 1, 1, 0, 0} // batch 0 pads its last key, batch 1 its first
	g := newG(t)
	s := param(t, g, "scores", graph.AsIs, b*heads, tt, tt)
	probs := graph.MaskedSoftmax(g, s, g.Constant("pad", pad, b, tt), heads)
	w := g.Watch(probs)
	mustFD(t, g, probs)
	for i, p := range w.Value() {
		row, k := i/(tt*tt), i%tt
		if padded := pad[(row/heads)*tt+k] == 1; padded != (p == 0) {
			t.Errorf("score row %d (batch %d) key %d: probability %g, padded %v", row, row/heads, k, p, padded)
		}
	}
	logNaiveFD(t, "BroadcastAdd of [B,1,1,T] over [B,H,T,T]", func(g *graph.Graph) (*gorgonia.Node, error) {
		s, err := g.NewParam("scores", graph.AsIs, graph.Normal(1), b, heads, tt, tt)
		if err != nil {
			return nil, err
		}
		m, err := g.NewParam("mask", graph.AsIs, graph.Normal(1), b, 1, 1, tt)
		if err != nil {
			return nil, err
		}
		return gorgonia.BroadcastAdd(s.Node(), m.Node(), nil, []byte{1, 2})
	})
}

// (d) Reshaping an input or parameter and feeding an elementwise op can
// overwrite the node's value; the graph has no Reshape at all, so no
// parameter changes during Run.
func TestRegressionReshapeOverwrite(t *testing.T) {
	const batch, seq, d, heads = 2, 3, 4, 2
	g := newG(t)
	x := param(t, g, "x", graph.AsIs, batch*seq, d)
	h := g.Linear(x, param(t, g, "w", graph.Transposed, d, d), param(t, g, "b", graph.Row, d))
	h = g.LayerNorm(h, param(t, g, "gain", graph.Row, d), param(t, g, "bias", graph.Row, d), 1e-5)
	attn, err := layers.NewAttention(g, "attn.", d, heads, nil)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := attn.Forward(h, g.Constant("pad", []float64{0, 0, 1, 0, 0, 0}, batch, seq), batch)
	before := map[string][]float64{}
	for _, p := range g.Params() {
		before[p.Name] = p.Torch()
	}
	if err := g.Compile(must(t)(gorgonia.Sum(must(t)(gorgonia.Square(out))))); err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for run := 0; run < 2; run++ {
		if err := g.Run(); err != nil {
			t.Fatal(err)
		}
		for _, p := range g.Params() {
			if !slices.Equal(p.Torch(), before[p.Name]) {
				t.Errorf("run %d changed parameter %s", run, p.Name)
			}
		}
	}
	for _, op := range []string{"Add", "Square"} {
		logNaiveReshape(t, op)
	}
}

// logNaiveReshape runs op(Reshape(p)) and logs whether p was overwritten.
func logNaiveReshape(t *testing.T, op string) {
	defer func() {
		if r := recover(); r != nil {
			t.Logf("naive Reshape then %s: panicked: %v", op, r)
		}
	}()
	g := newG(t)
	p := param(t, g, "p", graph.AsIs, 2, 3)
	r := must(t)(gorgonia.Reshape(p, tensor.Shape{3, 2}))
	var y *gorgonia.Node
	if op == "Add" {
		y = must(t)(gorgonia.Add(r, g.Constant("c", []float64{1, 2, 3, 4, 5, 6}, 3, 2)))
	} else {
		y = must(t)(gorgonia.Square(r))
	}
	prm, _ := g.Param("p")
	before := prm.Torch()
	if err := g.Compile(must(t)(gorgonia.Sum(y))); err != nil {
		t.Logf("naive Reshape then %s: does not compile: %v", op, err)
		return
	}
	defer g.Close()
	if err := g.Run(); err != nil {
		t.Logf("naive Reshape then %s: does not run: %v", op, err)
		return
	}
	if after := prm.Torch(); !slices.Equal(after, before) {
		t.Logf("naive Reshape then %s: OVERWROTE the parameter: %.4g became %.4g", op, before, after)
	} else {
		t.Logf("naive Reshape then %s: parameter unchanged here", op)
	}
}

// The compiled encoder layer, backward pass included, holds no Reshape node.
// Dropout is on so that its mask inputs are part of the walk.
func TestEncoderLayerHasNoReshape(t *testing.T) {
	const batch, seq, d = 2, 3, 4
	for _, normFirst := range []bool{false, true} {
		t.Run(fmt.Sprint("norm_first=", normFirst), func(t *testing.T) {
			g := newG(t)
			x := param(t, g, "x", graph.AsIs, batch*seq, d)
			l, err := layers.NewEncoderLayer(g, "", arch.Shape{DModel: d, Heads: 2, FF: 8, Layers: 1, NormFirst: normFirst, Activation: arch.GELU}, layers.NewDropout(g, 0.1))
			if err != nil {
				t.Fatal(err)
			}
			y, _ := l.Forward(x, g.Constant("pad", make([]float64, batch*seq), batch, seq), batch)
			// The loss is the model's own, CrossEntropy: gorgonia.Sum's backward
			// reshapes its constant seed gradient and would show up here.
			labels := g.Input("labels", batch*seq)
			if err := g.Set(labels, []float64{0, 1, 2, 3, ignored, 1}); err != nil {
				t.Fatal(err)
			}
			if err := g.Compile(g.CrossEntropy(y, labels)); err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			nodes := g.Expr().AllNodes()
			for _, n := range nodes {
				if n.Op() != nil && strings.Contains(n.Op().String(), "Reshape") {
					t.Errorf("node %s has op %s", n.Name(), n.Op())
				}
			}
			if len(nodes) < 50 {
				t.Errorf("only %d nodes: the walk did not see the whole layer", len(nodes))
			}
			t.Logf("%d nodes checked", len(nodes))
		})
	}
}
