package graph_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/attendlab/attend/graph"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Finite differences in float64: h = 1e-6 balances truncation (h²) against
// rounding (ε·|loss|/h), so agreement to ~1e-8 is expected on these tiny graphs.
const (
	fdStep = 1e-6
	fdRtol = 1e-6
	fdAtol = 1e-8
)

// fdResult is what fdCheck measured.
type fdResult struct {
	loss           float64              // loss at the unperturbed point
	grads          map[string][]float64 // analytic gradients, PyTorch layout
	maxAbs, maxRel float64              // worst |fd - analytic| and its relative form
	fails          []string             // elements outside tolerance
}

// fdCheck compiles g with loss = sum(y ⊙ R) (R random from seed; y itself when
// it is a scalar), runs once for the analytic gradients, then re-runs with each
// parameter element moved by ±h. It returns errors instead of failing so the
// naive gorgonia routes in regression_test.go can be measured without asserting.
func fdCheck(g *graph.Graph, y *gorgonia.Node, seed uint64) (*fdResult, error) {
	loss := y
	if !y.Shape().IsScalar() {
		rng := rand.New(rand.NewPCG(seed, 99))
		r := make([]float64, y.Shape().TotalSize())
		for i := range r {
			r[i] = rng.NormFloat64()
		}
		prod, err := gorgonia.HadamardProd(y, g.Constant("fd.R", r, y.Shape()...))
		if err != nil {
			return nil, err
		}
		if loss, err = gorgonia.Sum(prod); err != nil {
			return nil, err
		}
	}
	w := g.Watch(loss)
	if err := g.Compile(loss); err != nil {
		return nil, err
	}
	defer g.Close()
	if err := g.Run(); err != nil {
		return nil, err
	}
	// Read every gradient before any perturbation re-runs the graph.
	res := &fdResult{loss: w.Value()[0], grads: map[string][]float64{}}
	for _, p := range g.Params() {
		an, err := p.TorchGrad()
		if err != nil {
			return nil, err
		}
		res.grads[p.Name] = an
	}
	for _, p := range g.Params() {
		an := res.grads[p.Name]
		x := p.Torch()
		for i := range x {
			at := func(v float64) (float64, error) {
				x[i] = v
				if err := p.SetTorch(x); err != nil {
					return 0, err
				}
				err := g.Run()
				return w.Value()[0], err
			}
			orig := x[i]
			lp, err := at(orig + fdStep)
			if err != nil {
				return nil, err
			}
			lm, err := at(orig - fdStep)
			if err != nil {
				return nil, err
			}
			if _, err := at(orig); err != nil {
				return nil, err
			}
			fd := (lp - lm) / (2 * fdStep)
			d := math.Abs(fd - an[i])
			res.maxAbs = math.Max(res.maxAbs, d)
			if math.Abs(an[i]) > 1e-6 {
				res.maxRel = math.Max(res.maxRel, d/math.Abs(an[i]))
			}
			if d > fdAtol && d > fdRtol*math.Abs(an[i]) {
				res.fails = append(res.fails, fmt.Sprintf("%s[%d]: analytic %.10g, fd %.10g", p.Name, i, an[i], fd))
			}
		}
	}
	return res, nil
}

// mustFD runs fdCheck and fails the test on any element outside tolerance.
func mustFD(t *testing.T, g *graph.Graph, y *gorgonia.Node) *fdResult {
	t.Helper()
	res, err := fdCheck(g, y, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fd: max abs %.3g, max rel %.3g over %d params", res.maxAbs, res.maxRel, len(res.grads))
	for i, f := range res.fails {
		if i == 5 {
			t.Errorf("... %d more", len(res.fails)-5)
			break
		}
		t.Errorf("gradient mismatch %s", f)
	}
	return res
}

func newG(t *testing.T) *graph.Graph {
	t.Helper()
	g, err := graph.New(tensor.Float64, rand.New(rand.NewPCG(7, 11)))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// param declares a N(0,1) parameter or fails the test.
func param(t *testing.T, g *graph.Graph, name string, layout graph.Layout, shape ...int) *gorgonia.Node {
	t.Helper()
	n, err := g.NewParam(name, layout, graph.Normal(1), shape...)
	if err != nil {
		t.Fatal(err)
	}
	return n.Node()
}

// must(t)(f(...)) unwraps a node-building call or fails the test.
func must(t *testing.T) func(*gorgonia.Node, error) *gorgonia.Node {
	return func(n *gorgonia.Node, err error) *gorgonia.Node {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
}
