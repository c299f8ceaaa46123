package model

import "fmt"

// ShareWeights makes m compute with src's parameter buffers: every later
// change to src's weights (an optimizer step, Load) is what m runs with, and
// nothing is copied. Both models must have the same parameters, shapes and
// dtype; m's own initial values are dropped. A forward-only model sharing the
// training model's weights is how validation reads them.
func (m *Model) ShareWeights(src *Model) error {
	if err := m.G.ShareParams(src.G); err != nil {
		return fmt.Errorf("model: share weights: %w", err)
	}
	return nil
}

// Resized returns a forward-only model of m's config and options for batches
// of batch sequences of seqLen tokens, computing with m's parameter buffers
// (ShareWeights): what m learns or loads later, it predicts with. The first
// call for a shape builds the graph; later calls return the same model, so
// one-sentence predictions cost a run, not a build. Like a Model, the
// resized models are not safe for concurrent use, with one another or m.
func (m *Model) Resized(batch, seqLen int) (*Model, error) {
	if !m.opts.Grad && batch == m.Batch && seqLen == m.SeqLen {
		return m, nil
	}
	key := [2]int{batch, seqLen}
	if r, ok := m.sized[key]; ok {
		return r, nil
	}
	o := m.opts
	o.Grad, o.MaxParams = false, 0
	o.MaxMaskedRows = 0 // a cap for this model's batch, not the new one's
	r, err := New(m.Config, batch, seqLen, o)
	if err != nil {
		return nil, fmt.Errorf("model: resize to %d×%d: %w", batch, seqLen, err)
	}
	if err := r.ShareWeights(m); err != nil {
		return nil, err
	}
	if m.sized == nil {
		m.sized = map[[2]int]*Model{}
	}
	m.sized[key] = r
	return r, nil
}
