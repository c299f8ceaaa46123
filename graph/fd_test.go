package graph_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/attendlab/attend/graph"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// ignored is PyTorch's ignore_index; graph's losses skip every negative label.
const ignored = -100

// Shapes: batch 3 (one unpadded, one partly padded, one fully padded), 2 heads, 4 keys.
var softmaxPad = []float64{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1}

const softmaxB, softmaxH, softmaxT = 3, 2, 4

func buildSoftmax(t *testing.T, g *graph.Graph) *gorgonia.Node {
	s := param(t, g, "scores", graph.AsIs, softmaxB*softmaxH, softmaxT, softmaxT)
	pad := g.Constant("pad", softmaxPad, softmaxB, softmaxT)
	return graph.MaskedSoftmax(g, s, pad, softmaxH)
}

// buildCE uses logits [5, 4] and the given labels.
func buildCE(labels []float64) func(*testing.T, *graph.Graph) *gorgonia.Node {
	return func(t *testing.T, g *graph.Graph) *gorgonia.Node {
		x := param(t, g, "logits", graph.AsIs, len(labels), 4)
		l := g.Input("labels", len(labels))
		if err := g.Set(l, labels); err != nil {
			t.Fatal(err)
		}
		return g.CrossEntropy(x, l)
	}
}

// buildSupCon uses vectors [len(labels), 3].
func buildSupCon(labels []float64) func(*testing.T, *graph.Graph) *gorgonia.Node {
	return func(t *testing.T, g *graph.Graph) *gorgonia.Node {
		x := param(t, g, "x", graph.AsIs, len(labels), 3)
		l := g.Input("labels", len(labels))
		if err := g.Set(l, labels); err != nil {
			t.Fatal(err)
		}
		return g.SupCon(x, l, 0.5)
	}
}

// lookupIDs repeats row 1 three times and never uses row 2.
var lookupIDs = []int{1, 3, 1, 0, 1, 4}

func buildLookup(t *testing.T, g *graph.Graph) *gorgonia.Node {
	table := param(t, g, "table", graph.AsIs, 5, 3)
	ids := g.IntInput("ids", len(lookupIDs))
	if err := g.Set(ids, lookupIDs); err != nil {
		t.Fatal(err)
	}
	return g.Lookup(table, ids)
}

func buildLayerNorm(t *testing.T, g *graph.Graph) *gorgonia.Node {
	x := param(t, g, "x", graph.AsIs, 6, 5)
	gain := param(t, g, "gain", graph.Row, 5)
	bias := param(t, g, "bias", graph.Row, 5)
	return g.LayerNorm(x, gain, bias, 1e-5)
}

func TestPrimitivesFiniteDifferences(t *testing.T) {
	split := func(part int) func(*testing.T, *graph.Graph) *gorgonia.Node {
		return func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			qkv := param(t, g, "qkv", graph.AsIs, 2*3, 3*4) // B=2, T=3, D=4
			return graph.SplitHeads(g, qkv, 2, 2, 3, part)
		}
	}
	cases := []struct {
		name  string
		build func(*testing.T, *graph.Graph) *gorgonia.Node
		check func(*testing.T, *fdResult) // extra assertions, may be nil
	}{
		{"GELU", func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			return g.GELU(param(t, g, "x", graph.AsIs, 4, 5))
		}, nil},
		{"MaskedSoftmax", buildSoftmax, func(t *testing.T, r *fdResult) {
			// No gradient may reach a padded key or a fully padded row.
			gs := r.grads["scores"]
			for i, v := range gs {
				b, k := i/(softmaxH*softmaxT*softmaxT), i%softmaxT
				if softmaxPad[b*softmaxT+k] == 1 && v != 0 {
					t.Errorf("scores grad[%d] (batch %d, padded key %d) = %g, want 0", i, b, k, v)
				}
			}
		}},
		{"CrossEntropy/some ignored", buildCE([]float64{2, ignored, 0, 3, -1}), func(t *testing.T, r *fdResult) {
			for _, row := range []int{1, 4} {
				for j, v := range r.grads["logits"][row*4 : row*4+4] {
					if v != 0 {
						t.Errorf("ignored row %d: grad[%d] = %g, want 0", row, j, v)
					}
				}
			}
		}},
		{"CrossEntropy/all ignored", buildCE([]float64{ignored, ignored, -1}), func(t *testing.T, r *fdResult) {
			if r.loss != 0 {
				t.Errorf("loss = %g, want 0", r.loss)
			}
			for i, v := range r.grads["logits"] {
				if v != 0 {
					t.Errorf("grad[%d] = %g, want 0", i, v)
				}
			}
		}},
		// Row 3 is the only one of its label, row 4 is ignored: neither is an
		// anchor, but row 3 is still a negative of the others.
		{"SupCon", buildSupCon([]float64{0, 1, 0, 2, ignored, 1}), func(t *testing.T, r *fdResult) {
			for j, v := range r.grads["x"][4*3 : 5*3] {
				if v != 0 {
					t.Errorf("ignored row: grad[%d] = %g, want 0", j, v)
				}
			}
		}},
		{"SupCon/no positives", buildSupCon([]float64{0, 1, 2}), func(t *testing.T, r *fdResult) {
			if r.loss != 0 {
				t.Errorf("loss = %g, want 0", r.loss)
			}
		}},
		{"SplitHeads/Q", split(0), nil},
		{"SplitHeads/K", split(1), nil},
		{"SplitHeads/V", split(2), nil},
		{"MergeHeads", func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			return graph.MergeHeads(g, param(t, g, "x", graph.AsIs, 2*2, 3, 2), 2)
		}, nil},
		{"Linear", func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			x := param(t, g, "x", graph.AsIs, 4, 3)
			w := param(t, g, "w", graph.Transposed, 5, 3) // PyTorch [out, in]
			b := param(t, g, "b", graph.Row, 5)
			return g.Linear(x, w, b)
		}, nil},
		{"LayerNorm", buildLayerNorm, nil},
		{"Lookup", buildLookup, func(t *testing.T, r *fdResult) {
			for j, v := range r.grads["table"][2*3 : 3*3] {
				if v != 0 {
					t.Errorf("unused row 2: grad[%d] = %g, want 0", j, v)
				}
			}
		}},
		{"ReLU", func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			return g.ReLU(param(t, g, "x", graph.AsIs, 4, 5))
		}, nil},
		{"Dropout", func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			y, mask := g.Dropout(param(t, g, "x", graph.AsIs, 3, 4), "mask")
			if err := g.Set(mask, []float64{2, 0, 2, 2, 0, 0, 2, 2, 2, 0, 2, 2}); err != nil {
				t.Fatal(err)
			}
			return y
		}, func(t *testing.T, r *fdResult) {
			for _, i := range []int{1, 4, 5, 9} {
				if v := r.grads["x"][i]; v != 0 {
					t.Errorf("dropped x[%d]: grad %g, want 0", i, v)
				}
			}
		}},
		{"Scale", func(t *testing.T, g *graph.Graph) *gorgonia.Node {
			return g.Scale(param(t, g, "x", graph.AsIs, 3, 4), -0.37)
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := newG(t)
			res := mustFD(t, g, c.build(t, g))
			if c.check != nil {
				c.check(t, res)
			}
		})
	}
}

// Forward: each unpadded row is a distribution, padded keys get exactly 0 and
// a fully padded row is all zeros (not NaN).
func TestMaskedSoftmaxForward(t *testing.T) {
	g := newG(t)
	w := g.Watch(buildSoftmax(t, g))
	if err := g.Compile(nil); err != nil {
		t.Fatal(err)
	}
	if err := g.Run(); err != nil {
		t.Fatal(err)
	}
	p := w.Value()
	for row := 0; row < softmaxB*softmaxH*softmaxT; row++ {
		b := row / (softmaxH * softmaxT)
		mask := softmaxPad[b*softmaxT : (b+1)*softmaxT]
		var sum float64
		allPad := true
		for k, m := range mask {
			v := p[row*softmaxT+k]
			if m == 1 && v != 0 {
				t.Errorf("row %d: padded key %d has probability %g", row, k, v)
			}
			allPad = allPad && m == 1
			sum += v
		}
		want := 1.0
		if allPad {
			want = 0
		}
		if math.Abs(sum-want) > 1e-12 {
			t.Errorf("row %d (batch %d): sum %g, want %g", row, b, sum, want)
		}
	}
}

// SplitHeads then MergeHeads gives back the chosen part's columns.
func TestSplitMergeRoundTrip(t *testing.T) {
	const b, tt, d, heads = 2, 3, 4, 2
	for part := 0; part < 3; part++ {
		t.Run(fmt.Sprint("part", part), func(t *testing.T) {
			g := newG(t)
			qkv := param(t, g, "qkv", graph.AsIs, b*tt, 3*d)
			split := graph.SplitHeads(g, qkv, b, heads, 3, part)
			if got, want := split.Shape(), (tensor.Shape{b * heads, tt, d / heads}); !got.Eq(want) {
				t.Fatalf("split shape %v, want %v", got, want)
			}
			w := g.Watch(graph.MergeHeads(g, split, b))
			if err := g.Compile(nil); err != nil {
				t.Fatal(err)
			}
			if err := g.Run(); err != nil {
				t.Fatal(err)
			}
			src, _ := g.Param("qkv")
			all := src.Torch()
			for r := 0; r < b*tt; r++ {
				for c := 0; c < d; c++ {
					if got, want := w.Value()[r*d+c], all[r*3*d+part*d+c]; got != want {
						t.Fatalf("row %d col %d: %g, want %g", r, c, got, want)
					}
				}
			}
		})
	}
}
