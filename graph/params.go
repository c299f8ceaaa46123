package graph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Layout says how a parameter's node stores its PyTorch-shaped values.
type Layout int

const (
	// AsIs stores the PyTorch shape unchanged (embedding tables).
	AsIs Layout = iota
	// Transposed stores a Linear weight [out, in] as [in, out], so that the
	// layer computes x·Wᵀ as a plain matrix product.
	Transposed
	// Row stores a vector [n] as a row [1, n], so that it broadcasts over the
	// batch through a matrix product (gorgonia's broadcast reshapes the
	// parameter, a route with a known bug).
	Row
)

// Param is a named parameter: its PyTorch name and shape, and the node that
// holds its values in the graph's layout.
type Param struct {
	Name   string
	Shape  []int // PyTorch's shape
	Layout Layout
	node   *gorgonia.Node
	// trainable is set by Compile: the loss depends on the parameter.
	trainable bool
	gradNode  *gorgonia.Node // d loss / d param, set by Compile
	grad      gorgonia.Value // its value from the last Run
	gradData  any            // grad.Data(), kept: Data allocates on every call
}

// Trainable reports whether the compiled loss depends on the parameter, so
// that it has a gradient.
func (p *Param) Trainable() bool { return p.trainable }

// Node is the parameter's graph node.
func (p *Param) Node() *gorgonia.Node { return p.node }

// Init fills a PyTorch-shaped parameter with initial values.
type Init func(rng *rand.Rand, shape []int) []float64

// Uniform draws from U(-bound, bound).
func Uniform(bound float64) Init {
	return func(rng *rand.Rand, shape []int) []float64 {
		v := make([]float64, tensor.Shape(shape).TotalSize())
		for i := range v {
			v[i] = (2*rng.Float64() - 1) * bound
		}
		return v
	}
}

// Normal draws from N(0, std²).
func Normal(std float64) Init {
	return func(rng *rand.Rand, shape []int) []float64 {
		v := make([]float64, tensor.Shape(shape).TotalSize())
		for i := range v {
			v[i] = rng.NormFloat64() * std
		}
		return v
	}
}

// Fill sets every value to c (ones for layer-norm gains, zeros for biases).
func Fill(c float64) Init {
	return func(_ *rand.Rand, shape []int) []float64 {
		v := make([]float64, tensor.Shape(shape).TotalSize())
		for i := range v {
			v[i] = c
		}
		return v
	}
}

// XavierUniform is Glorot's U(±√(6/(fan_in+fan_out))), PyTorch's choice for in_proj_weight.
func XavierUniform(shape []int) Init {
	return Uniform(math.Sqrt(6 / float64(shape[0]+shape[1])))
}

// LimitParams makes NewParam refuse, before allocating, a parameter that would
// bring the values of all parameters past n: a model read from a file is
// built within what the file holds, whatever size its metadata claims.
func (g *Graph) LimitParams(n int) { g.limit = n }

// NewParam adds a named parameter with the given PyTorch shape, layout and
// init, and returns its handle: the layer that declares it keeps it, so no
// other code needs its name.
func (g *Graph) NewParam(name string, layout Layout, init Init, shape ...int) (*Param, error) {
	if _, dup := g.byName[name]; dup {
		return nil, fmt.Errorf("graph: parameter %q declared twice", name)
	}
	if (layout == Transposed && len(shape) != 2) || (layout == Row && len(shape) != 1) {
		return nil, fmt.Errorf("graph: parameter %q: layout %d does not fit shape %v", name, layout, shape)
	}
	size := 1
	for _, d := range shape {
		if d < 1 {
			return nil, fmt.Errorf("graph: parameter %q: shape %v: want every size >= 1", name, shape)
		}
		if g.limit > 0 && size > (g.limit-g.values)/d { // size*d would pass the limit
			return nil, fmt.Errorf("graph: parameter %q %v: the parameters would hold more than %d values", name, shape, g.limit)
		}
		size *= d
	}
	g.values += size
	p := &Param{Name: name, Shape: append([]int(nil), shape...), Layout: layout}
	internal := p.internalShape()
	t := tensor.New(tensor.WithShape(internal...), tensor.Of(g.dtype)) // zeros; SetTorch fills it
	p.node = gorgonia.NewTensor(g.g, g.dtype, len(internal), gorgonia.WithShape(internal...), gorgonia.WithName(name), gorgonia.WithValue(t))
	if err := p.SetTorch(init(g.rng, p.Shape)); err != nil {
		return nil, err
	}
	g.params = append(g.params, p)
	g.byName[name] = p
	return p, nil
}

// Skip draws from the generator the values NewParam would for init and
// shape, and discards them: a parameter left out leaves the ones declared
// after it unchanged.
func (g *Graph) Skip(init Init, shape ...int) { init(g.rng, shape) }

func (p *Param) internalShape() []int {
	switch p.Layout {
	case Transposed:
		return []int{p.Shape[1], p.Shape[0]}
	case Row:
		return []int{1, p.Shape[0]}
	}
	return append([]int(nil), p.Shape...)
}

// Share makes p compute with src's value buffer: every later change to src
// (an optimizer step, SetTorch) is p's. Shapes, layouts and dtypes must match.
func (p *Param) Share(src *Param) error {
	if !slices.Equal(p.Shape, src.Shape) || p.Layout != src.Layout || p.node.Dtype() != src.node.Dtype() {
		return fmt.Errorf("graph: share %s: shape %v %v, the source %v %v", p.Name, p.Shape, p.node.Dtype(), src.Shape, src.node.Dtype())
	}
	if err := gorgonia.Let(p.node, src.node.Value()); err != nil {
		return fmt.Errorf("graph: share %s: %w", p.Name, err)
	}
	return nil
}

// ShareParams makes every parameter of g compute with the buffer of src's
// parameter of the same name (Share): a graph built for another batch size
// predicts with what src learns or loads later, nothing copied. src may have
// parameters g lacks (a head only training uses); not the other way round.
func (g *Graph) ShareParams(src *Graph) error {
	if g.dtype != src.dtype {
		return fmt.Errorf("graph: share parameters: dtype %v, the source %v", g.dtype, src.dtype)
	}
	for _, p := range g.params {
		q, ok := src.byName[p.Name]
		if !ok {
			return fmt.Errorf("graph: share parameters: the source has no parameter %q", p.Name)
		}
		if err := p.Share(q); err != nil {
			return err
		}
	}
	return nil
}

// Params lists the parameters in declaration order.
func (g *Graph) Params() []*Param { return g.params }

// Param finds a parameter by its PyTorch name.
func (g *Graph) Param(name string) (*Param, bool) {
	p, ok := g.byName[name]
	return p, ok
}

// Names lists the parameter names, sorted.
func (g *Graph) Names() []string {
	names := make([]string, 0, len(g.params))
	for _, p := range g.params {
		names = append(names, p.Name)
	}
	sort.Strings(names)
	return names
}

// Data is the parameter's value buffer in the graph's layout ([]float32 or
// []float64), updated in place by optimizers.
func (p *Param) Data() any { return p.node.Value().Data() }

// GradData is the gradient buffer from the last Run, in the graph's layout.
func (p *Param) GradData() (any, error) {
	if p.grad == nil {
		return nil, fmt.Errorf("graph: gradient of %s: not computed", p.Name)
	}
	return p.gradData, nil
}

// GradRows lists the only rows of the last gradient that can be non-zero,
// ascending, when the parameter is a table read by one Lookup (an
// embedding: the step's tokens' rows); nil when any row may be.
func (p *Param) GradRows() []int {
	if p.gradNode == nil || p.Layout != AsIs {
		return nil
	}
	op, ok := p.gradNode.Op().(lookupGradOp)
	if !ok {
		return nil
	}
	return op.last.rowsOf(p.grad)
}

// Torch returns a copy of the values in PyTorch's layout.
func (p *Param) Torch() []float64 {
	v, _ := toFloat64(p.node.Value(), nil)
	return p.toTorch(v)
}

// TorchGrad returns a copy of the last gradient in PyTorch's layout.
func (p *Param) TorchGrad() ([]float64, error) {
	if p.grad == nil {
		return nil, fmt.Errorf("graph: gradient of %s: not computed", p.Name)
	}
	v, err := toFloat64(p.grad, nil)
	if err != nil {
		return nil, fmt.Errorf("graph: gradient of %s: %w", p.Name, err)
	}
	return p.toTorch(v), nil
}

// SetTorch overwrites the values from PyTorch's layout.
func (p *Param) SetTorch(v []float64) error {
	n := tensor.Shape(p.Shape).TotalSize()
	if len(v) != n {
		return fmt.Errorf("graph: parameter %s has shape %v (%d values), got %d values", p.Name, p.Shape, n, len(v))
	}
	if p.Layout == Transposed {
		v = transpose(v, p.Shape[0], p.Shape[1])
	}
	switch d := p.Data().(type) {
	case []float64:
		copy(d, v)
	case []float32:
		for i, x := range v {
			d[i] = float32(x)
		}
	}
	return nil
}

func (p *Param) toTorch(v []float64) []float64 {
	if p.Layout == Transposed {
		return transpose(v, p.Shape[1], p.Shape[0])
	}
	return v
}

// transpose returns the [cols, rows] transpose of a row-major [rows, cols] matrix.
func transpose(v []float64, rows, cols int) []float64 {
	out := make([]float64, len(v))
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			out[c*rows+r] = v[r*cols+c]
		}
	}
	return out
}
