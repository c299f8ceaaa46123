package optim

import (
	"fmt"
	"maps"
	"slices"
)

// Float is the element type of parameters: float32 for training, float64 for
// the gradient tests.
type Float interface{ ~float32 | ~float64 }

// Param is one named parameter: its values (updated in place) and its gradient.
// Value and Grad are row-major and must each hold exactly the number of
// elements Shape describes. Optimizers keep their per-parameter state under
// Name, so names must be unique within one call. Nothing here writes Grad but
// to scale it by a finite factor (ClipGradNorm): graph's lookup gradient
// counts on zero rows staying zero.
type Param[T Float] struct {
	Name  string
	Shape []int
	Value []T
	Grad  []T
	// Rows, when not nil, lists the only rows of Grad (Shape[0] rows of
	// equal length; ascending, each once, checked) that may be non-zero,
	// as in an embedding's gradient: ClipGradNorm then reads and scales
	// just those, and Adam reads no gradient between them.
	Rows []int
}

// DecayFunc says whether weight decay applies to a parameter. It plays the
// role of PyTorch's parameter groups, which are usually used for exactly this
// split. The default, MatricesOnly, decays parameters with 2 or more
// dimensions (not biases, layer-norm gains or other 1-D tensors).
type DecayFunc func(name string, shape []int) bool

// MatricesOnly decays parameters with two or more dimensions: weight matrices
// and embeddings, but not biases or layer-norm gains, whose decay only hurts.
func MatricesOnly(name string, shape []int) bool { return len(shape) >= 2 }

// DecayAll decays every parameter, as a single PyTorch parameter group does.
func DecayAll(name string, shape []int) bool { return true }

// numel is the number of elements a shape holds; a negative dimension is an
// error because no buffer can match it.
func numel(shape []int) (int, error) {
	n := 1
	for _, d := range shape {
		if d < 0 {
			return 0, fmt.Errorf("negative dimension in shape %v", shape)
		}
		n *= d
	}
	return n, nil
}

// checkParams verifies that every parameter's buffers match its shape and
// that names are unique. It runs before any update so that a bad call leaves
// every parameter and every moment untouched.
func checkParams[T Float](params []Param[T]) error {
	seen := make(map[string]bool, len(params))
	for _, p := range params {
		n, err := numel(p.Shape)
		if err != nil {
			return fmt.Errorf("optim: parameter %q: %w", p.Name, err)
		}
		if len(p.Value) != n {
			return fmt.Errorf("optim: parameter %q has %d values for shape %v (want %d)", p.Name, len(p.Value), p.Shape, n)
		}
		if len(p.Grad) != n {
			return fmt.Errorf("optim: parameter %q has %d gradient values for shape %v (want %d)", p.Name, len(p.Grad), p.Shape, n)
		}
		if seen[p.Name] {
			return fmt.Errorf("optim: parameter %q appears more than once", p.Name)
		}
		if err := checkRows(p.Rows, p.Shape); err != nil {
			return fmt.Errorf("optim: parameter %q: %w", p.Name, err)
		}
		seen[p.Name] = true
	}
	return nil
}

// sameLayout verifies that params have exactly the names and shapes recorded
// in shapes, in any order. Errors name the first offending parameter.
func sameLayout[T Float](shapes map[string][]int, params []Param[T]) error {
	for _, p := range params {
		want, ok := shapes[p.Name]
		if !ok {
			return fmt.Errorf("optim: parameter %q was not among the parameters of the first step", p.Name)
		}
		if !slices.Equal(want, p.Shape) {
			return fmt.Errorf("optim: parameter %q has shape %v, was %v at the first step", p.Name, p.Shape, want)
		}
	}
	if len(params) == len(shapes) {
		return nil
	}
	given := make(map[string]bool, len(params))
	for _, p := range params {
		given[p.Name] = true
	}
	for _, name := range slices.Sorted(maps.Keys(shapes)) {
		if !given[name] {
			return fmt.Errorf("optim: parameter %q of the first step is missing", name)
		}
	}
	return nil
}

// checkRows verifies that rows (nil: none listed) are ascending row indices
// of shape, each once: a row listed twice would be updated twice.
func checkRows(rows []int, shape []int) error {
	if rows == nil {
		return nil
	}
	if len(shape) == 0 {
		return fmt.Errorf("rows listed for a scalar")
	}
	for i, r := range rows {
		if r < 0 || r >= shape[0] || (i > 0 && r <= rows[i-1]) {
			return fmt.Errorf("rows must be ascending indices below %d, each once; got %d at %d", shape[0], r, i)
		}
	}
	return nil
}
