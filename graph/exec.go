package graph

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"

	"github.com/attendlab/attend/internal/kernels"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// program runs a compiled graph: every node in topological order, each op
// writing into the buffer it filled on the first run. gorgonia's tape machine
// allocates every value afresh on each run (its Reset drops them all); with
// fixed shapes nothing needs to, so a step allocates next to nothing.
type program struct {
	steps []step
	vals  []gorgonia.Value // the value of each step's node, by step index
	slot  map[*gorgonia.Node]int
	waves []wave // the op steps by depth (waves.go)
	warm  bool   // the first run, one op at a time, has sized every buffer
}

type step struct {
	node *gorgonia.Node
	op   gorgonia.Op // nil for a leaf (input, parameter, constant)
	in   []int       // the children's step indices, in argument order
	args []gorgonia.Value
	// reuse is the output buffer from the first run when the op can write
	// into it (gorgonia.UsePreallocDoer) and it is its own memory.
	reuse gorgonia.Value
	ready bool // the first run has decided reuse
	add   bool // gorgonia's elementwise a + b
}

// compile orders g's nodes so that every node follows its children.
func compile(g *gorgonia.ExprGraph) (*program, error) {
	sorted, err := gorgonia.Sort(g)
	if err != nil {
		return nil, err
	}
	p := &program{slot: make(map[*gorgonia.Node]int, len(sorted))}
	for i := len(sorted) - 1; i >= 0; i-- {
		n := sorted[i]
		s := step{node: n}
		for it := g.From(n.ID()); it.Next(); {
			c := it.Node().(*gorgonia.Node)
			k, ok := p.slot[c]
			if !ok {
				return nil, fmt.Errorf("graph: %s runs before its input %s", n.Name(), c.Name())
			}
			s.in = append(s.in, k)
		}
		if len(s.in) > 0 {
			s.op, s.args = n.Op(), make([]gorgonia.Value, len(s.in))
			s.add = isElemAdd(s.op)
		}
		p.slot[n] = len(p.steps)
		p.steps = append(p.steps, s)
	}
	p.vals = make([]gorgonia.Value, len(p.steps))
	p.planWaves()
	return p, nil
}

// run computes every node once: the leaves, then the ops, in topological
// order on the first run (which decides each op's buffer) and wave by wave
// after it.
func (p *program) run() error {
	for i := range p.steps {
		s := &p.steps[i]
		if s.op != nil {
			continue
		}
		v := s.node.Value() // read each run: Set rebinds inputs
		if v == nil {
			return fmt.Errorf("graph: no value for %s", s.node.Name())
		}
		p.vals[i] = v
	}
	if !p.warm {
		for i := range p.steps {
			if p.steps[i].op == nil {
				continue
			}
			if err := p.runStep(i); err != nil {
				return err
			}
		}
		p.warm = true
		// Ready a GEMM call per worker for the products the waves run
		// side by side, so that their first run allocates nothing.
		kernels.ReserveCalls(runtime.GOMAXPROCS(0))
		return nil
	}
	for w := range p.waves {
		if err := p.runWave(&p.waves[w]); err != nil {
			return err
		}
	}
	return nil
}

// runStep computes op step i from its inputs' values.
func (p *program) runStep(i int) error {
	s := &p.steps[i]
	for j, k := range s.in {
		s.args[j] = p.vals[k]
	}
	var v gorgonia.Value
	var err error
	switch {
	case s.add && s.reuse != nil && addInto(s.reuse, s.args[0], s.args[1]):
		v = s.reuse
	case s.reuse != nil:
		v, err = s.op.(gorgonia.UsePreallocDoer).UsePreallocDo(s.reuse, s.args...)
	default:
		v, err = s.op.Do(s.args...)
	}
	if err != nil {
		return fmt.Errorf("%s (%v): %w", s.node.Name(), s.op, err)
	}
	if !s.ready {
		s.ready = true
		if (s.add || canPrealloc(s.op)) && ownBuffer(v, s.args) {
			s.reuse = v
		}
	}
	p.vals[i] = v
	return nil
}

// canPrealloc reports whether an op writes into a buffer it is given.
func canPrealloc(op gorgonia.Op) bool {
	_, ok := op.(gorgonia.UsePreallocDoer)
	return ok && !op.ReturnsPtr()
}

// ownBuffer reports whether an op's result may be handed back to it next run:
// a tensor that shares no memory with the op's inputs (a view, such as a
// reshape, would make the next run write into its input).
func ownBuffer(v gorgonia.Value, in []gorgonia.Value) bool {
	d, ok := v.(*tensor.Dense)
	if !ok || d.IsView() || d.Size() == 0 {
		return false
	}
	for _, a := range in {
		if a != nil && a.Uintptr() == d.Uintptr() {
			return false
		}
	}
	return true
}

// isElemAdd recognises gorgonia's elementwise addition (residual connections,
// and the sums gorgonia.Grad builds where a node feeds several others). Its
// UsePreallocDo ignores the buffer and allocates, so the executor adds into
// the reused buffer itself.
func isElemAdd(op gorgonia.Op) bool {
	return reflect.TypeOf(op) == elemBinOp && strings.HasPrefix(op.String(), "+ ")
}

// elemBinOp is the Go type of gorgonia's elementwise binary ops (unexported
// there), taken from an addition built once.
var elemBinOp = func() reflect.Type {
	g := gorgonia.NewGraph()
	x := gorgonia.NewVector(g, tensor.Float64, gorgonia.WithShape(1), gorgonia.WithName("x"))
	return reflect.TypeOf(gorgonia.Must(gorgonia.Add(x, x)).Op())
}()

// addInto writes a + b into out when all three are dense tensors of one
// dtype and size; it reports false (and writes nothing) otherwise.
func addInto(out, a, b gorgonia.Value) bool {
	o, ok1 := out.(*tensor.Dense)
	x, ok2 := a.(*tensor.Dense)
	y, ok3 := b.(*tensor.Dense)
	if !ok1 || !ok2 || !ok3 || x.Dtype() != o.Dtype() || y.Dtype() != o.Dtype() || x.Size() != o.Size() || y.Size() != o.Size() {
		return false
	}
	switch o.Dtype() {
	case tensor.Float32:
		addSlices(o.Float32s(), x.Float32s(), y.Float32s())
	case tensor.Float64:
		addSlices(o.Float64s(), x.Float64s(), y.Float64s())
	default:
		return false
	}
	return true
}

func addSlices[T Float](out, x, y []T) {
	parallel(len(out), 1, func(lo, hi int) {
		if o, ok := any(out[lo:hi]).([]float32); ok {
			kernels.Add(o, any(x[lo:hi]).([]float32), any(y[lo:hi]).([]float32))
			return
		}
		for i := lo; i < hi; i++ {
			out[i] = x[i] + y[i]
		}
	})
}

// value is a node's value from the last run.
func (p *program) value(n *gorgonia.Node) (gorgonia.Value, error) {
	k, ok := p.slot[n]
	if !ok {
		return nil, fmt.Errorf("node %s is not in the compiled graph", n.Name())
	}
	if p.vals[k] == nil {
		return nil, fmt.Errorf("node %s has no value before the first run", n.Name())
	}
	return p.vals[k], nil
}
