package graph

import (
	"fmt"

	"github.com/attendlab/attend/optim"
)

// Optimizer binds an optimizer to the trainable parameters of a compiled
// graph: each step it hands over the gradients of the last Run, so a training
// program neither type-asserts buffers nor copies gradients. optim stays free
// of gorgonia; this bridge is the one place the two meet.
type Optimizer[T optim.Float] struct {
	opt    optim.Optimizer[T]
	params []optim.Param[T]
	from   []*Param // the graph parameter behind each of params
}

// NewOptimizer binds opt to g's trainable parameters (those the compiled loss
// depends on), in declaration order. T must be the graph's dtype.
func NewOptimizer[T optim.Float](g *Graph, opt optim.Optimizer[T]) (*Optimizer[T], error) {
	if g.prog == nil {
		return nil, fmt.Errorf("graph: optimizer: compile the graph with a loss first")
	}
	o := &Optimizer[T]{opt: opt}
	for _, p := range g.params {
		if !p.trainable {
			continue // untouched by the loss: no gradient, no update
		}
		v, ok := p.Data().([]T)
		if !ok {
			return nil, fmt.Errorf("graph: optimizer: parameter %s holds %v, the optimizer works on %T", p.Name, g.dtype, v)
		}
		// Grad is the last Run's buffer from the first step on; zeros of the
		// right size until then, so that Restore can run before any Run.
		o.params = append(o.params, optim.Param[T]{Name: p.Name, Shape: p.Shape, Value: v, Grad: make([]T, len(v))})
		o.from = append(o.from, p)
	}
	if len(o.params) == 0 {
		return nil, fmt.Errorf("graph: optimizer: no parameter has a gradient: compile with a loss that depends on some")
	}
	return o, nil
}

// Params are the trainable parameters: their values are the graph's own
// buffers in its layout (a Transposed weight is [in, out]) and may be changed
// in place; their gradients, and Rows (a table's non-zero rows), are the
// last Run's once ClipGradNorm or Step has taken them: before that, Rows
// may still be the run before's.
func (o *Optimizer[T]) Params() []optim.Param[T] { return o.params }

// gradients takes the gradients of the last Run (in place: the graph's own
// buffers, so clipping them is what the next update reads).
func (o *Optimizer[T]) gradients() error {
	for i, p := range o.from {
		g, err := p.GradData()
		if err != nil {
			return fmt.Errorf("graph: optimizer: %w (call Run first)", err)
		}
		o.params[i].Grad = g.([]T) // NewOptimizer checked the dtype
		o.params[i].Rows = p.GradRows()
	}
	return nil
}

// ClipGradNorm scales the last Run's gradients to a global L2 norm of at most
// max (optim.ClipGradNorm; max <= 0 only measures) and returns the norm
// before clipping.
func (o *Optimizer[T]) ClipGradNorm(max float64) (float64, error) {
	if err := o.gradients(); err != nil {
		return 0, err
	}
	return optim.ClipGradNorm(o.params, max), nil
}

// Step updates every trainable parameter in place from the last Run's
// gradients with learning rate lr.
func (o *Optimizer[T]) Step(lr float64) error {
	if err := o.gradients(); err != nil {
		return err
	}
	return o.opt.Step(o.params, lr)
}

// State is the optimizer's state, for a checkpoint.
func (o *Optimizer[T]) State() optim.State { return o.opt.State() }

// Restore puts a checkpoint's optimizer state back; it must name exactly the
// trainable parameters, with their shapes.
func (o *Optimizer[T]) Restore(s optim.State) error { return o.opt.Restore(s, o.params) }
