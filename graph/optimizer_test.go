package graph_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/optim"
	"gorgonia.org/tensor"
)

// linear builds nn.Linear(2, 2) with cross-entropy on one example, plus an
// unused parameter; compile says whether to compile and with a loss.
func linear(t *testing.T, dtype tensor.Dtype, compile, withLoss bool) *graph.Graph {
	t.Helper()
	g, err := graph.New(dtype, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	w, _ := g.NewParam("lin.weight", graph.Transposed, graph.Uniform(0.5), 2, 2)
	b, _ := g.NewParam("lin.bias", graph.Row, graph.Fill(0), 2)
	if _, err := g.NewParam("unused", graph.AsIs, graph.Fill(1), 3); err != nil {
		t.Fatal(err)
	}
	x, label := g.Input("x", 1, 2), g.Input("label", 1)
	loss := g.CrossEntropy(g.Linear(x, w.Node(), b.Node()), label)
	_ = g.Set(x, []float64{2, 4})
	_ = g.Set(label, []float64{1})
	if !compile {
		return g
	}
	if !withLoss {
		loss = nil
	}
	if err := g.Compile(loss); err != nil {
		t.Fatal(err)
	}
	return g
}

// TestOptimizerErrors: what a program can get wrong is an error that says so.
func TestOptimizerErrors(t *testing.T) {
	for _, c := range []struct {
		name              string
		dtype             tensor.Dtype
		compile, withLoss bool
		want              string
	}{
		{"not compiled", tensor.Float32, false, false, "compile the graph with a loss first"},
		{"no loss", tensor.Float32, true, false, "no parameter has a gradient"},
		{"float64 graph", tensor.Float64, true, true, "lin.weight holds float64"},
	} {
		g := linear(t, c.dtype, c.compile, c.withLoss)
		_, err := graph.NewOptimizer(g, optim.NewSGD[float32](optim.SGDConfig{}))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error containing %q", c.name, err, c.want)
		}
	}
	o, err := graph.NewOptimizer(linear(t, tensor.Float32, true, true), optim.NewSGD[float32](optim.SGDConfig{}))
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Step(0.1); err == nil || !strings.Contains(err.Error(), "call Run first") {
		t.Errorf("step before any run: got %v, want a hint to Run first", err)
	}
}

// TestOptimizerStep: Step and ClipGradNorm do to the graph's own buffers what
// the optimizer does to hand-built params holding copies of them.
func TestOptimizerStep(t *testing.T) {
	for _, clip := range []float64{0, 0.1} {
		g := linear(t, tensor.Float64, true, true)
		o, err := graph.NewOptimizer(g, optim.NewAdamW[float64](optim.AdamDefaults()))
		if err != nil {
			t.Fatal(err)
		}
		if names := []string{o.Params()[0].Name, o.Params()[1].Name}; len(o.Params()) != 2 || !slices.Equal(names, []string{"lin.weight", "lin.bias"}) {
			t.Fatalf("params %v: want the two the loss depends on, in order", o.Params())
		}
		hand := optim.NewAdamW[float64](optim.AdamDefaults())
		var want []optim.Param[float64]
		for range 3 {
			if err := g.Run(); err != nil {
				t.Fatal(err)
			}
			want = want[:0]
			for _, p := range g.Params()[:2] {
				grad, _ := p.GradData()
				want = append(want, optim.Param[float64]{Name: p.Name, Shape: p.Shape, Value: slices.Clone(p.Data().([]float64)), Grad: slices.Clone(grad.([]float64))})
			}
			wantNorm := optim.ClipGradNorm(want, clip)
			norm, err := o.ClipGradNorm(clip)
			if err != nil || norm != wantNorm {
				t.Fatalf("clip %v: norm %v (err %v), want %v", clip, norm, err, wantNorm)
			}
			if err := hand.Step(want, 0.01); err != nil {
				t.Fatal(err)
			}
			if err := o.Step(0.01); err != nil {
				t.Fatal(err)
			}
			for i, p := range g.Params()[:2] {
				if got := p.Data().([]float64); !slices.Equal(got, want[i].Value) {
					t.Errorf("clip %v: %s = %v, want %v", clip, p.Name, got, want[i].Value)
				}
			}
		}
		if s := o.State(); s.Step != 3 || len(s.Slots) != 2 {
			t.Errorf("state after 3 steps: step %d, %d params; want 3 and 2", s.Step, len(s.Slots))
		}
		if err := o.Restore(hand.State()); err != nil {
			t.Errorf("restore: %v", err)
		}
	}
}
