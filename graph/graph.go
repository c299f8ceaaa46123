// Package graph is the gorgonia side of attend in one place: one expression
// graph built once for a fixed batch and sequence length, its named parameters
// (PyTorch's names and layouts), the executor that computes the forward pass
// and every gradient (gorgonia.Grad builds the backward graph; exec.go runs it
// without allocating once the first run has sized every buffer), and the
// primitives the layers are made of.
//
// Layers build every node through a method of *Graph (Linear, LayerNorm, GELU,
// Attention, Add, CrossEntropy, ...) and never call gorgonia directly, so a
// fused op can replace a chain of nodes without changing any layer. These
// methods return nodes, not errors: the graph keeps the first (Err) and
// Compile reports it, so a forward pass reads top to bottom.
package graph

import (
	"fmt"
	"math/rand/v2"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	// gorgonia's dependencies panic at start on Go >= 1.20 unless this
	// version of the package says the garbage collector does not move objects.
	_ "go4.org/unsafe/assume-no-moving-gc"
)

// Node is a value in the graph (an input, a parameter, an op's result): the
// alias lets programs built on graph and layers hold nodes without importing
// gorgonia.
type Node = gorgonia.Node

// Dtype is the element type a graph computes in: Float32 to train, Float64
// for checks. Like Node, the alias spares programs an import of gorgonia.
type Dtype = tensor.Dtype

// The two dtypes New accepts.
var (
	Float32 = tensor.Float32
	Float64 = tensor.Float64
)

// Graph owns one gorgonia expression graph and what runs it.
type Graph struct {
	g       *gorgonia.ExprGraph
	dtype   tensor.Dtype
	rng     *rand.Rand
	params  []*Param
	byName  map[string]*Param
	limit   int // most parameter values in all (LimitParams); 0 = no limit
	values  int // parameter values declared so far
	watches []*Watch
	prog    *program
	nOps    int // stateful ops made so far, to name each uniquely
	loss    *gorgonia.Node
	err     error // the first error of an op (Err)
}

// New starts an empty graph computing in dtype (Float32 or Float64).
// Parameters are initialised from rng, never from the clock.
func New(dtype Dtype, rng *rand.Rand) (*Graph, error) {
	if dtype != tensor.Float32 && dtype != tensor.Float64 {
		return nil, fmt.Errorf("graph: dtype %v: want float32 or float64", dtype)
	}
	return &Graph{
		g:      gorgonia.NewGraph(),
		dtype:  dtype,
		rng:    rng,
		byName: map[string]*Param{},
	}, nil
}

// Dtype is the element type of every tensor in the graph.
func (g *Graph) Dtype() Dtype { return g.dtype }

// Expr is the underlying gorgonia graph, for tests and custom ops.
func (g *Graph) Expr() *gorgonia.ExprGraph { return g.g }

// Input declares a value fed each step with Set: floats of the graph's dtype.
func (g *Graph) Input(name string, shape ...int) *gorgonia.Node {
	return gorgonia.NewTensor(g.g, g.dtype, len(shape), gorgonia.WithShape(shape...), gorgonia.WithName(name))
}

// IntInput declares a vector of integer indices (token ids, positions).
func (g *Graph) IntInput(name string, n int) *gorgonia.Node {
	return gorgonia.NewVector(g.g, tensor.Int, gorgonia.WithShape(n), gorgonia.WithName(name))
}

// Set binds a value to an input for the next Run. Floats are converted to the
// graph's dtype; ints feed IntInput nodes.
func (g *Graph) Set(n *gorgonia.Node, values any) error {
	// The length is checked before tensor.New, which panics on a mismatch.
	sizeErr := func(got int) error {
		return fmt.Errorf("graph: set %s: %d values for shape %v", n.Name(), got, n.Shape())
	}
	switch v := values.(type) {
	case []int:
		if n.Dtype() != tensor.Int {
			return fmt.Errorf("graph: set %s: ints given to a %v input", n.Name(), n.Dtype())
		}
		if len(v) != n.Shape().TotalSize() {
			return sizeErr(len(v))
		}
		// Copy into the value bound by an earlier Set: no allocation per step.
		if cur, ok := bound[int](n); ok {
			copy(cur, v)
			return nil
		}
	case []float64:
		if len(v) != n.Shape().TotalSize() {
			return sizeErr(len(v))
		}
		if cur, ok := bound[float32](n); ok {
			for i, x := range v {
				cur[i] = float32(x)
			}
			return nil
		}
		if cur, ok := bound[float64](n); ok {
			copy(cur, v)
			return nil
		}
	default:
		return fmt.Errorf("graph: set %s: unsupported %T", n.Name(), values)
	}
	var t *tensor.Dense
	if v, ok := values.([]int); ok {
		t = tensor.New(tensor.WithShape(n.Shape()...), tensor.WithBacking(append([]int(nil), v...)))
	} else {
		t = g.fromFloat64(values.([]float64), n.Shape())
	}
	if err := gorgonia.Let(n, t); err != nil {
		return fmt.Errorf("graph: set %s: %w", n.Name(), err)
	}
	return nil
}

// bound is the data of the value an earlier Set bound to n, when it is of
// element type T and n's size.
func bound[T int | float32 | float64](n *gorgonia.Node) ([]T, bool) {
	v := n.Value()
	if v == nil {
		return nil, false
	}
	d, ok := v.Data().([]T)
	return d, ok && len(d) == n.Shape().TotalSize()
}

// Constant makes a constant tensor of the graph's dtype from float64 values.
func (g *Graph) Constant(name string, values []float64, shape ...int) *gorgonia.Node {
	return gorgonia.NewConstant(g.fromFloat64(values, shape), gorgonia.WithName(name))
}

// IntConstant makes a constant vector of integer indices (fixed position ids).
func (g *Graph) IntConstant(name string, ids []int) *gorgonia.Node {
	t := tensor.New(tensor.WithShape(len(ids)), tensor.WithBacking(append([]int(nil), ids...)))
	return gorgonia.NewConstant(t, gorgonia.WithName(name))
}

// Scalar makes a scalar constant of the graph's dtype.
func (g *Graph) Scalar(v float64) *gorgonia.Node {
	if g.dtype == tensor.Float32 {
		return gorgonia.NewConstant(float32(v))
	}
	return gorgonia.NewConstant(v)
}

func (g *Graph) fromFloat64(v []float64, shape []int) *tensor.Dense {
	if g.dtype == tensor.Float32 {
		f := make([]float32, len(v))
		for i, x := range v {
			f[i] = float32(x)
		}
		return tensor.New(tensor.WithShape(shape...), tensor.WithBacking(f))
	}
	return tensor.New(tensor.WithShape(shape...), tensor.WithBacking(append([]float64(nil), v...)))
}

// Watch is a node whose value is copied out after each Run.
type Watch struct {
	node  *gorgonia.Node
	value []float64
	shape []int
}

// Value is the node's value from the last Run, as float64 in row-major order.
func (w *Watch) Value() []float64 { return w.value }

// Shape is the node's shape (empty for a scalar).
func (w *Watch) Shape() []int { return w.shape }

// Watch asks for n's value after every Run. Call it before Compile.
func (g *Graph) Watch(n *gorgonia.Node) *Watch {
	if !g.live("watch", n) {
		return &Watch{} // never read: Compile fails
	}
	w := &Watch{node: n, shape: append([]int(nil), n.Shape()...)}
	g.watches = append(g.watches, w)
	return w
}

// Compile adds the backward pass of loss with respect to every parameter (when
// loss is not nil) and fixes the order the nodes run in. The graph is fixed
// afterwards. The first error of an op while building (Err) is its error.
func (g *Graph) Compile(loss *gorgonia.Node) error {
	if g.err != nil {
		return fmt.Errorf("graph: %w", g.err)
	}
	if g.prog != nil {
		return fmt.Errorf("graph: already compiled")
	}
	var grads gorgonia.Nodes
	var trained []*Param
	if loss != nil {
		// Differentiate only the parameters the loss depends on (an unused
		// head has no gradient, as a PyTorch parameter whose grad stays None).
		reach := map[*gorgonia.Node]bool{}
		for n := range gorgonia.WalkGraph(loss) {
			reach[n] = true
		}
		var nodes gorgonia.Nodes
		for _, p := range g.params {
			if p.trainable = reach[p.node]; p.trainable {
				nodes = append(nodes, p.node)
				trained = append(trained, p)
			}
		}
		var err error
		if grads, err = gorgonia.Grad(loss, nodes...); err != nil {
			return fmt.Errorf("graph: gradients: %w", err)
		}
	}
	prog, err := compile(g.g)
	if err != nil {
		return err
	}
	for i, p := range trained {
		p.gradNode = grads[i]
	}
	g.prog = prog
	return nil
}

// Run computes the graph once (forward, and backward when compiled with a
// loss) and copies out every watched value. Each Run's gradients are its own:
// gradient nodes are computed afresh, never added to the last Run's.
func (g *Graph) Run() error {
	if g.prog == nil {
		return fmt.Errorf("graph: run before compile")
	}
	if err := g.prog.run(); err != nil {
		return fmt.Errorf("graph: run: %w", err)
	}
	for _, p := range g.params {
		if p.gradNode == nil {
			continue
		}
		v, err := g.prog.value(p.gradNode)
		if err != nil {
			return fmt.Errorf("graph: gradient of %s: %w", p.Name, err)
		}
		if v != p.grad {
			p.grad, p.gradData = v, v.Data()
		}
	}
	for _, w := range g.watches {
		v, err := g.prog.value(w.node)
		if err == nil {
			w.value, err = toFloat64(v, w.value)
		}
		if err != nil {
			return fmt.Errorf("graph: read %s: %w", w.node.Name(), err)
		}
	}
	return nil
}

// Close releases what Compile built.
func (g *Graph) Close() error {
	g.prog = nil
	return nil
}

// toFloat64 copies a value into dst (grown as needed).
func toFloat64(v gorgonia.Value, dst []float64) ([]float64, error) {
	if v == nil {
		return nil, fmt.Errorf("no value")
	}
	if s, err := scalarOf(v); err == nil && v.Shape().IsScalar() {
		return append(dst[:0], s), nil
	}
	switch d := v.Data().(type) {
	case []float64:
		return append(dst[:0], d...), nil
	case []float32:
		// Sized once: appending a value at a time regrew a checkpoint's
		// 1.2-million-value embedding some 30 times (0.5 s per checkpoint).
		if cap(dst) < len(d) {
			dst = make([]float64, len(d))
		}
		dst = dst[:len(d)]
		for i, x := range d {
			dst[i] = float64(x)
		}
		return dst, nil
	}
	return nil, fmt.Errorf("unsupported value %T", v)
}
