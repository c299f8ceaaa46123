// Package reftest runs graph-built computations against the PyTorch reference
// vectors: it loads a case, binds its parameters by name, builds the loss
// sum(y·R) the references differentiate, and compares outputs and gradients.
package reftest

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/internal/torchref"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Tol returns the tolerance the project promises for a dtype: float64 to 1e-8
// relative or 1e-10 absolute, float32 to 1e-4 relative (1e-5 absolute near zero).
func Tol(dt tensor.Dtype) (rtol, atol float64) {
	if dt == tensor.Float64 {
		return 1e-8, 1e-10
	}
	return 1e-4, 1e-5
}

// Dtypes are the two element types every reference test runs in.
var Dtypes = []tensor.Dtype{tensor.Float64, tensor.Float32}

// Harness is one reference case bound to a fresh graph.
type Harness struct {
	T    testing.TB
	G    *graph.Graph
	Case *torchref.Case
}

// New loads file and starts a graph of dtype dt.
func New(t testing.TB, file string, dt tensor.Dtype) *Harness {
	t.Helper()
	c, err := torchref.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	g, err := graph.New(dt, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	return &Harness{T: t, G: g, Case: c}
}

// Tensor returns a reference tensor or fails the test.
func (h *Harness) Tensor(name string) torchref.Tensor {
	h.T.Helper()
	x, err := h.Case.T(name)
	if err != nil {
		h.T.Fatal(err)
	}
	return x
}

// Int reads an integer from the case's config or fails the test.
func (h *Harness) Int(key string) int {
	h.T.Helper()
	v, err := h.Case.Int(key)
	if err != nil {
		h.T.Fatal(err)
	}
	return v
}

// DiffInput declares the reference input NAME (for example "in.x") as a
// differentiable parameter of shape [rows, last dim], holding its values, so
// that its gradient can be compared with "grad.x".
func (h *Harness) DiffInput(name string) *gorgonia.Node {
	h.T.Helper()
	x := h.Tensor(name)
	d := x.Shape[len(x.Shape)-1]
	n, err := h.G.NewParam(name, graph.AsIs, func(*rand.Rand, []int) []float64 { return x.Data }, x.Size()/d, d)
	if err != nil {
		h.T.Fatal(err)
	}
	return n.Node()
}

// Const declares a reference tensor as a constant with the given shape.
func (h *Harness) Const(name string, shape ...int) *gorgonia.Node {
	x := h.Tensor(name)
	return h.G.Constant(name, x.Data, shape...)
}

// BindParams copies every "param.NAME" of the case into the graph parameter
// PREFIX+NAME, and checks that every graph parameter but the "in." ones got one.
func (h *Harness) BindParams(prefix string) {
	h.T.Helper()
	bound := map[string]bool{}
	for key, x := range h.Case.Tensors {
		name, ok := strings.CutPrefix(key, "param.")
		if !ok {
			continue
		}
		p, ok := h.G.Param(prefix + name)
		if !ok {
			h.T.Fatalf("%s: reference parameter %s has no graph parameter %s", h.Case.Path, key, prefix+name)
		}
		if err := p.SetTorch(x.Data); err != nil {
			h.T.Fatal(err)
		}
		bound[p.Name] = true
	}
	for _, p := range h.G.Params() {
		if !bound[p.Name] && !strings.HasPrefix(p.Name, "in.") {
			h.T.Fatalf("%s: graph parameter %s has no reference value", h.Case.Path, p.Name)
		}
	}
}

// SumTimes builds sum(y ⊙ R) with R the reference tensor rName: its gradient
// with respect to y is R, the loss the reference files differentiate.
func (h *Harness) SumTimes(y *gorgonia.Node, rName string) *gorgonia.Node {
	h.T.Helper()
	r := h.Const(rName, y.Shape()...)
	prod, err := gorgonia.HadamardProd(y, r)
	if err != nil {
		h.T.Fatal(err)
	}
	loss, err := gorgonia.Sum(prod)
	if err != nil {
		h.T.Fatal(err)
	}
	return loss
}

// Run compiles with loss (nil for forward only) and runs once.
func (h *Harness) Run(loss *gorgonia.Node) {
	h.T.Helper()
	if err := h.G.Compile(loss); err != nil {
		h.T.Fatal(err)
	}
	if err := h.G.Run(); err != nil {
		h.T.Fatal(err)
	}
}

// Compare checks got against the reference tensor want and logs the errors.
func (h *Harness) Compare(label string, got []float64, want string) {
	h.T.Helper()
	w := h.Tensor(want)
	if len(got) != len(w.Data) {
		h.T.Fatalf("%s: %d values, reference %s has %d", label, len(got), want, len(w.Data))
	}
	rtol, atol := Tol(h.G.Dtype())
	abs, rel, bad := torchref.Check(got, w.Data, rtol, atol)
	h.T.Logf("%-10s %-45s max abs %.3g  max rel %.3g", h.G.Dtype(), label, abs, rel)
	if bad >= 0 {
		h.T.Errorf("%s (%v): element %d = %.10g, want %.10g (rtol %g, atol %g)", label, h.G.Dtype(), bad, got[bad], w.Data[bad], rtol, atol)
	}
}

// CompareGrads checks the gradient of every graph parameter against
// "grad.NAME" (NAME without prefix; "in.x" is compared with "grad.x").
func (h *Harness) CompareGrads(prefix string) {
	h.T.Helper()
	for _, p := range h.G.Params() {
		name := strings.TrimPrefix(p.Name, prefix)
		name = strings.TrimPrefix(name, "in.")
		got, err := p.TorchGrad()
		if err != nil {
			h.T.Fatal(err)
		}
		h.Compare("grad."+name, got, "grad."+name)
	}
}
