package graph_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/attendlab/attend/graph"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Misuse must come back as an error, never a panic: Set is fed from data
// batches at run time, so a wrong length is an input error, not a bug.
func TestGraphErrors(t *testing.T) {
	cases := []struct {
		name string
		do   func(g *graph.Graph) error
	}{
		{"duplicate parameter", func(g *graph.Graph) error {
			if _, err := g.NewParam("w", graph.AsIs, graph.Fill(0), 2, 2); err != nil {
				return nil // the first declaration must succeed; report "no error"
			}
			_, err := g.NewParam("w", graph.AsIs, graph.Fill(0), 2, 2)
			return err
		}},
		{"past LimitParams", func(g *graph.Graph) error {
			g.LimitParams(5)
			if _, err := g.NewParam("a", graph.AsIs, graph.Fill(0), 2, 2); err != nil {
				return nil // 4 values are within the limit
			}
			_, err := g.NewParam("b", graph.AsIs, graph.Fill(0), 2)
			return err
		}},
		{"huge shape refused before allocating", func(g *graph.Graph) error {
			g.LimitParams(10)
			_, err := g.NewParam("h", graph.AsIs, graph.Fill(0), 1<<40, 1<<40, 1<<40)
			return err
		}},
		{"empty shape", func(g *graph.Graph) error {
			_, err := g.NewParam("e", graph.AsIs, graph.Fill(0), 3, 0)
			return err
		}},
		{"layout does not fit shape", func(g *graph.Graph) error {
			_, err := g.NewParam("b", graph.Row, graph.Fill(0), 2, 2)
			return err
		}},
		{"Set too few floats", func(g *graph.Graph) error {
			return g.Set(g.Input("x", 2, 3), []float64{1, 2, 3, 4, 5})
		}},
		{"Set too many floats", func(g *graph.Graph) error {
			return g.Set(g.Input("x", 2, 3), make([]float64, 7))
		}},
		{"Set too few ints", func(g *graph.Graph) error {
			return g.Set(g.IntInput("ids", 3), []int{1, 2})
		}},
		{"Set ints to a float input", func(g *graph.Graph) error {
			return g.Set(g.Input("x", 3), []int{1, 2, 3})
		}},
		{"Set unsupported type", func(g *graph.Graph) error {
			return g.Set(g.Input("x", 3), []float32{1, 2, 3})
		}},
		{"SetTorch wrong length", func(g *graph.Graph) error {
			if _, err := g.NewParam("w", graph.Transposed, graph.Fill(0), 2, 3); err != nil {
				return nil
			}
			p, _ := g.Param("w")
			return p.SetTorch(make([]float64, 5))
		}},
		{"Run before Compile", func(g *graph.Graph) error { return g.Run() }},
		{"Compile twice", func(g *graph.Graph) error {
			g.Input("x", 2) // gorgonia panics on compiling an empty graph
			if err := g.Compile(nil); err != nil {
				return nil
			}
			return g.Compile(nil)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := newG(t)
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("panicked instead of returning an error: %v", r)
					}
				}()
				err = c.do(g)
			}()
			if err == nil {
				t.Fatal("no error")
			}
			t.Log(err)
		})
	}
	if _, err := graph.New(tensor.Int, rand.New(rand.NewPCG(1, 1))); err == nil {
		t.Error("graph.New(tensor.Int): no error")
	}
}

// Each Run must report the gradient of that run alone: gorgonia adds into a
// parameter's gradient buffer on every pass, so a step that does not clear it
// would train on the sum of all past gradients.
func TestRunDoesNotAccumulateGradients(t *testing.T) {
	g := newG(t)
	y := g.LayerNorm(param(t, g, "x", graph.AsIs, 3, 4), param(t, g, "gain", graph.Row, 4), param(t, g, "bias", graph.Row, 4), 1e-5)
	loss := must(t)(gorgonia.Sum(must(t)(gorgonia.Square(y))))
	if err := g.Compile(loss); err != nil {
		t.Fatal(err)
	}
	var first map[string][]float64
	for run := 0; run < 3; run++ {
		if err := g.Run(); err != nil {
			t.Fatal(err)
		}
		grads := map[string][]float64{}
		for _, p := range g.Params() {
			gr, err := p.TorchGrad()
			if err != nil {
				t.Fatal(err)
			}
			grads[p.Name] = gr
			if run > 0 && !slices.Equal(gr, first[p.Name]) {
				t.Errorf("run %d: gradient of %s = %.4g, first run gave %.4g", run, p.Name, gr, first[p.Name])
			}
		}
		if run == 0 {
			first = grads
		}
	}
}

// A lookup's table gradient holds exactly the rows of this run's ids: the
// rows an earlier run wrote are cleared (only those are, after the first run),
// a row an id repeats sums its gradients, and GradRows lists this run's rows
// (what the gradient clip reads).
func TestLookupGradientAcrossRuns(t *testing.T) {
	const v, d = 6, 2
	g := newG(t)
	table := param(t, g, "table", graph.AsIs, v, d)
	ids := g.IntInput("ids", 3)
	loss := must(t)(gorgonia.Sum(g.Lookup(table, ids)))
	if err := g.Compile(loss); err != nil {
		t.Fatal(err)
	}
	for _, run := range [][]int{{1, 3, 1}, {0, 4, 5}, {2, 2, 2}, {5, 1, 0}} {
		if err := g.Set(ids, run); err != nil {
			t.Fatal(err)
		}
		if err := g.Run(); err != nil {
			t.Fatal(err)
		}
		gr, err := g.Params()[0].TorchGrad()
		if err != nil {
			t.Fatal(err)
		}
		want := make([]float64, v*d)
		for _, id := range run {
			for j := range d {
				want[id*d+j]++ // d(sum)/d(table row) = 1 per use
			}
		}
		if !slices.Equal(gr, want) {
			t.Errorf("ids %v: gradient %v, want %v", run, gr, want)
		}
		rows := slices.Compact(slices.Sorted(slices.Values(run)))
		if got := g.Params()[0].GradRows(); !slices.Equal(got, rows) {
			t.Errorf("ids %v: GradRows %v, want %v", run, got, rows)
		}
	}
}

// A cross-entropy gradient holds exactly this run's labelled rows: rows an
// earlier run labelled are cleared when this one does not, whatever the
// labels before, and each labelled row is what a fresh graph computes.
func TestCrossEntropyGradientAcrossRuns(t *testing.T) {
	const n, c = 5, 3
	build := func() (*graph.Graph, *gorgonia.Node) {
		g := newG(t)
		x := param(t, g, "x", graph.AsIs, n, c)
		labels := g.Input("labels", n)
		if err := g.Compile(g.CrossEntropy(x, labels)); err != nil {
			t.Fatal(err)
		}
		return g, labels
	}
	g, labels := build()
	for _, run := range [][]float64{{0, -1, 2, -1, 1}, {-1, 1, -1, -1, -1}, {-1, -1, -1, -1, -1}, {2, 0, -1, 1, -1}, {-1, -1, 0, -1, 2}} {
		fresh, freshLabels := build() // the same seed: the same x
		for _, gl := range []struct {
			g *graph.Graph
			l *gorgonia.Node
		}{{g, labels}, {fresh, freshLabels}} {
			if err := gl.g.Set(gl.l, run); err != nil {
				t.Fatal(err)
			}
			if err := gl.g.Run(); err != nil {
				t.Fatal(err)
			}
		}
		got, err := g.Params()[0].TorchGrad()
		if err != nil {
			t.Fatal(err)
		}
		want, err := fresh.Params()[0].TorchGrad()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("labels %v: gradient %v, a fresh graph's %v", run, got, want)
		}
	}
}

// Params keep PyTorch's shape whatever the internal layout, and Torch/SetTorch
// round-trip through the Transposed and Row layouts.
func TestParamLayouts(t *testing.T) {
	cases := []struct {
		layout   graph.Layout
		shape    []int
		internal tensor.Shape
	}{
		{graph.AsIs, []int{2, 3}, tensor.Shape{2, 3}},
		{graph.Transposed, []int{2, 3}, tensor.Shape{3, 2}},
		{graph.Row, []int{3}, tensor.Shape{1, 3}},
	}
	for _, c := range cases {
		g := newG(t)
		p, err := g.NewParam("p", c.layout, graph.Fill(0), c.shape...)
		if err != nil {
			t.Fatal(err)
		}
		if q, _ := g.Param("p"); q != p {
			t.Errorf("Param(p) = %p, want the handle NewParam returned %p", q, p)
		}
		if !slices.Equal(p.Shape, c.shape) || !p.Node().Shape().Eq(c.internal) {
			t.Errorf("layout %d: Shape %v node %v, want %v and %v", c.layout, p.Shape, p.Node().Shape(), c.shape, c.internal)
		}
		v := []float64{1, 2, 3, 4, 5, 6}[:tensor.Shape(c.shape).TotalSize()]
		if err := p.SetTorch(v); err != nil {
			t.Fatal(err)
		}
		if got := p.Torch(); !slices.Equal(got, v) {
			t.Errorf("layout %d: Torch() = %v after SetTorch(%v)", c.layout, got, v)
		}
		if c.layout == graph.Transposed {
			// [out=2, in=3] stored [in, out]: element (o, i) at i*2+o.
			if d := p.Data().([]float64); !slices.Equal(d, []float64{1, 4, 2, 5, 3, 6}) {
				t.Errorf("transposed storage %v", d)
			}
		}
	}
}
