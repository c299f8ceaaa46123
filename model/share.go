package model

import (
	"fmt"
	"slices"

	"gorgonia.org/gorgonia"
)

// ShareWeights makes m compute with src's parameter buffers: every later
// change to src's weights (an optimizer step, Load) is what m runs with, and
// nothing is copied. Both models must have the same parameters, shapes and
// dtype; m's own initial values are dropped. A forward-only model sharing the
// training model's weights is how validation reads them.
func (m *Model) ShareWeights(src *Model) error {
	if m.G.Dtype() != src.G.Dtype() {
		return fmt.Errorf("model: share weights: dtype %v, source %v", m.G.Dtype(), src.G.Dtype())
	}
	for _, p := range m.G.Params() {
		q, ok := src.G.Param(p.Name)
		if !ok {
			return fmt.Errorf("model: share weights: the source has no parameter %q", p.Name)
		}
		if !slices.Equal(p.Shape, q.Shape) || p.Layout != q.Layout {
			return fmt.Errorf("model: share weights: parameter %q has shape %v, the source %v", p.Name, p.Shape, q.Shape)
		}
		if err := gorgonia.Let(p.Node(), q.Node().Value()); err != nil {
			return fmt.Errorf("model: share weights: %s: %w", p.Name, err)
		}
	}
	return nil
}
