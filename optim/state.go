package optim

import (
	"fmt"
	"maps"
	"math"
	"slices"
)

// Optimizer updates parameters in place from their gradients.
type Optimizer[T Float] interface {
	// Step applies one update with learning rate lr to every param (grads
	// already computed). It returns an error, and changes nothing, when a
	// param's Value/Grad lengths differ from its shape, when names repeat, or
	// when the set of names/shapes differs from the first call.
	Step(params []Param[T], lr float64) error
	// State returns a deep copy of the optimizer's state for checkpointing.
	State() State
	// Restore replaces the optimizer's state with s for training params. It
	// returns an error, and changes nothing, naming the parameter whose name
	// is missing or extra or whose shape differs, or naming the kinds when
	// s was written by another kind of optimizer. Restore reads only the
	// names and shapes of params, never their values.
	Restore(s State, params []Param[T]) error
}

// State is an optimizer's checkpoint. It is JSON-serialisable and exact:
// float32 moments are stored as float64, which represents them exactly, and
// encoding/json writes float64 values so that they read back bit for bit.
// Hyper-parameters are not part of it; they come from the configuration.
type State struct {
	Kind  string                     `json:"kind"`  // "sgd", "adam", "adamw"
	Step  int                        `json:"step"`  // updates applied so far
	Slots map[string]map[string]Slot `json:"slots"` // param name -> slot name -> values
}

// Slot is one per-parameter buffer ("exp_avg", "exp_avg_sq" or
// "momentum_buffer") with the shape of its parameter.
type Slot struct {
	Shape []int     `json:"shape"`
	Data  []float64 `json:"data"`
}

// core is the bookkeeping every optimizer shares: the step count, the
// parameter layout fixed by the first step, and the per-parameter slots.
type core[T Float] struct {
	kind      string
	slotNames []string // the slots each parameter carries once a step is taken
	cfgErr    error    // a bad configuration, reported by Step and Restore
	step      int
	shapes    map[string][]int // nil until the first Step or a Restore
	slots     map[string]map[string][]T
}

// begin validates a Step call and, on the first one, fixes the layout and
// allocates zeroed slots. It changes nothing when it returns an error.
func (c *core[T]) begin(params []Param[T], lr float64) error {
	if c.cfgErr != nil {
		return c.cfgErr
	}
	if math.IsNaN(lr) || math.IsInf(lr, 0) || lr < 0 {
		return fmt.Errorf("optim: %s: learning rate %v is not a finite non-negative number", c.kind, lr)
	}
	if err := checkParams(params); err != nil {
		return err
	}
	if c.shapes != nil {
		return sameLayout(c.shapes, params)
	}
	c.shapes = make(map[string][]int, len(params))
	c.slots = make(map[string]map[string][]T, len(params))
	for _, p := range params {
		c.shapes[p.Name] = slices.Clone(p.Shape)
		sl := make(map[string][]T, len(c.slotNames))
		for _, s := range c.slotNames {
			sl[s] = make([]T, len(p.Value))
		}
		c.slots[p.Name] = sl
	}
	return nil
}

// State implements Optimizer. A fresh optimizer has step 0 and no slots.
func (c *core[T]) State() State {
	s := State{Kind: c.kind, Step: c.step, Slots: make(map[string]map[string]Slot, len(c.slots))}
	for name, sl := range c.slots {
		out := make(map[string]Slot, len(sl))
		for slot, data := range sl {
			d := make([]float64, len(data))
			for i, v := range data {
				d[i] = float64(v)
			}
			out[slot] = Slot{Shape: slices.Clone(c.shapes[name]), Data: d}
		}
		s.Slots[name] = out
	}
	return s
}

// Restore implements Optimizer. Everything is checked before anything is
// replaced. A step-0 state with no slots restores a fresh optimizer. Restoring
// float64 data into a float32 optimizer rounds it to float32.
func (c *core[T]) Restore(s State, params []Param[T]) error {
	if c.cfgErr != nil {
		return c.cfgErr
	}
	if s.Kind != c.kind {
		return fmt.Errorf("optim: restore: state is for optimizer kind %q, not %q", s.Kind, c.kind)
	}
	if s.Step < 0 {
		return fmt.Errorf("optim: restore: negative step %d", s.Step)
	}
	if err := checkParams(params); err != nil {
		return fmt.Errorf("optim: restore: %w", err)
	}
	if s.Step == 0 {
		if len(s.Slots) != 0 {
			return fmt.Errorf("optim: restore: step-0 state has slots for %d parameters", len(s.Slots))
		}
		c.step, c.shapes, c.slots = 0, nil, nil
		return nil
	}
	shapes := make(map[string][]int, len(params))
	slots := make(map[string]map[string][]T, len(params))
	for _, p := range params {
		sl, ok := s.Slots[p.Name]
		if !ok {
			return fmt.Errorf("optim: restore: parameter %q is missing from the state", p.Name)
		}
		got, err := c.restoreSlots(p, sl)
		if err != nil {
			return err
		}
		shapes[p.Name] = slices.Clone(p.Shape)
		slots[p.Name] = got
	}
	for _, name := range slices.Sorted(maps.Keys(s.Slots)) {
		if _, ok := shapes[name]; !ok {
			return fmt.Errorf("optim: restore: state has extra parameter %q that is not being trained", name)
		}
	}
	c.step, c.shapes, c.slots = s.Step, shapes, slots
	return nil
}

// restoreSlots converts one parameter's saved slots, checking that it has
// exactly the slots this optimizer keeps, each with the parameter's shape.
func (c *core[T]) restoreSlots(p Param[T], saved map[string]Slot) (map[string][]T, error) {
	out := make(map[string][]T, len(c.slotNames))
	for _, name := range c.slotNames {
		sl, ok := saved[name]
		if !ok {
			return nil, fmt.Errorf("optim: restore: parameter %q has no %q slot", p.Name, name)
		}
		if !slices.Equal(sl.Shape, p.Shape) {
			return nil, fmt.Errorf("optim: restore: parameter %q has shape %v but its %q slot has shape %v", p.Name, p.Shape, name, sl.Shape)
		}
		if len(sl.Data) != len(p.Value) {
			return nil, fmt.Errorf("optim: restore: parameter %q: %q slot has %d values for shape %v", p.Name, name, len(sl.Data), sl.Shape)
		}
		d := make([]T, len(sl.Data))
		for i, v := range sl.Data {
			d[i] = T(v)
		}
		out[name] = d
	}
	for _, name := range slices.Sorted(maps.Keys(saved)) {
		if !slices.Contains(c.slotNames, name) {
			return nil, fmt.Errorf("optim: restore: parameter %q has unexpected slot %q for optimizer kind %q", p.Name, name, c.kind)
		}
	}
	return out, nil
}
