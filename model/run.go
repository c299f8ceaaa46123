package model

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/attendlab/attend/graph"
)

// outputs are the watched values a run reports.
type outputs struct {
	loss                       *graph.Node
	lossW, logits, senseLogits *graph.Watch
	layers, attention          []*graph.Watch
}

// Run feeds one batch, computes the forward pass (and the gradients when the
// model was built with Grad), and returns the losses and accuracies. While
// training, dropout masks are drawn from rng; otherwise dropout is off.
func (m *Model) Run(b Batch, training bool, rng *rand.Rand) (Result, error) {
	if err := m.feed(b); err != nil {
		return Result{}, err
	}
	if err := m.Encoder.Dropout.Fill(rng, training); err != nil {
		return Result{}, err
	}
	if err := m.G.Run(); err != nil {
		return Result{}, err
	}
	var r Result
	if m.out.lossW != nil {
		r.Loss = m.out.lossW.Value()[0]
		if math.IsNaN(r.Loss) || math.IsInf(r.Loss, 0) {
			return r, fmt.Errorf("model: loss is %v", r.Loss)
		}
	}
	r.Terms, r.Acc = make([]float64, 0, 4), make([]Count, len(m.heads))
	for i, h := range m.heads {
		terms, acc := h.Measure(b)
		if terms == nil {
			terms = make([]float64, len(registry[i].Terms))
		}
		r.Terms, r.Acc[i] = append(r.Terms, terms...), acc
	}
	return r, nil
}

func (m *Model) feed(b Batch) error {
	if b.B != m.Batch || b.T != m.SeqLen || len(b.IDs) != b.B*b.T || len(b.Target) != b.B {
		return fmt.Errorf("model: batch of %d×%d does not fit a model built for %d×%d", b.B, b.T, m.Batch, m.SeqLen)
	}
	for i, id := range b.IDs {
		if id < 0 || id >= m.Config.Vocab {
			return fmt.Errorf("model: token id %d at %d outside the vocabulary of %d", id, i, m.Config.Vocab)
		}
	}
	g := m.G
	if err := g.Set(m.in.ids, b.IDs); err != nil {
		return err
	}
	pad := make([]float64, len(b.Pad))
	for i, p := range b.Pad {
		if p {
			pad[i] = 1
		}
	}
	if err := g.Set(m.in.pad, pad); err != nil {
		return err
	}
	for _, h := range m.heads {
		if err := h.Feed(g, b); err != nil {
			return err
		}
	}
	return nil
}

// floats turns integer ids and labels into the float64 values graph inputs
// hold; labels stay integers up to here.
func floats(v []int) []float64 {
	f := make([]float64, len(v))
	for i, x := range v {
		f[i] = float64(x)
	}
	return f
}

// Hidden returns, after a run built with Observe, the token vectors of every
// representation: [0] embedding + position, [i] the output of layer i (the last
// after the final norm). Each is [B*T*D], row-major.
func (m *Model) Hidden() [][]float64 {
	out := make([][]float64, len(m.out.layers))
	for i, w := range m.out.layers {
		out[i] = w.Value()
	}
	return out
}

// Attention returns, after a run built with Observe, a copy of the attention
// probabilities of one query: layer's head h, sequence b, query position q,
// one probability per key position (SeqLen of them; padded keys get 0).
func (m *Model) Attention(layer, b, h, q int) []float64 {
	t := m.SeqLen
	off := ((b*m.Config.Heads+h)*t + q) * t
	return append([]float64(nil), m.out.attention[layer].Value()[off:off+t]...)
}

// Static returns token id's static embedding: a copy of its row of embed.weight.
func (m *Model) Static(id int) []float64 {
	d := m.Config.DModel
	out := make([]float64, d)
	switch w := m.Embed.Weight.Data().(type) { // stored as is, [V, D]
	case []float32:
		for i, x := range w[id*d : (id+1)*d] {
			out[i] = float64(x)
		}
	case []float64:
		copy(out, w[id*d:(id+1)*d])
	}
	return out
}

// Vector returns a copy of the vector of token t in batch row `row` for
// representation rep (0 = embedding + position, i = output of layer i), after
// a run built with Observe.
func (m *Model) Vector(rep, row, t int) []float64 {
	d := m.Config.DModel
	off := (row*m.SeqLen + t) * d
	return append([]float64(nil), m.out.layers[rep].Value()[off:off+d]...)
}

// Logits returns the masked-LM head's scores [B*T*V] of the last run; with
// Options.MaxMaskedRows, min(MaxMaskedRows, B*T) rows of V: the masked
// positions' rows in batch order, then row 0's scores again in the slots
// the batch leaves (labelled to be ignored).
func (m *Model) Logits() []float64 {
	if m.out.logits == nil {
		return nil
	}
	return m.out.logits.Value()
}

// SenseLogits returns the sense head's scores [B*senses] for each batch
// row's target of the last run, or nil for a model without a sense head.
func (m *Model) SenseLogits() []float64 {
	if m.out.senseLogits == nil {
		return nil
	}
	return m.out.senseLogits.Value()
}
