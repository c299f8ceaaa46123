package layers

import (
	"math/rand/v2"

	"github.com/attendlab/attend/graph"
)

// Dropout zeroes each value with probability P while training and scales the
// rest by 1/(1-P). Masks are inputs filled from the caller's seeded generator,
// so a run repeats exactly (gorgonia's own Dropout seeds from the clock).
// With P == 0 it adds nothing to the graph.
type Dropout struct {
	g     *graph.Graph
	P     float64
	masks []*graph.Node
	buf   []float64
}

// NewDropout makes a dropout shared by every place of one model.
func NewDropout(g *graph.Graph, p float64) *Dropout { return &Dropout{g: g, P: p} }

// Forward multiplies x by a fresh mask input.
func (d *Dropout) Forward(x *graph.Node, name string) *graph.Node {
	if d == nil || d.P == 0 {
		return x
	}
	y, mask := d.g.Dropout(x, name)
	if mask != nil {
		d.masks = append(d.masks, mask)
	}
	return y
}

// Mask declares a mask input of the given shape for an op that applies dropout
// itself (fused attention), or returns nil when dropout is off.
func (d *Dropout) Mask(name string, shape ...int) *graph.Node {
	if d == nil || d.P == 0 {
		return nil
	}
	m := d.g.Input(name, shape...)
	d.masks = append(d.masks, m)
	return m
}

// Fill sets every mask for the next step: random when training, ones otherwise.
func (d *Dropout) Fill(rng *rand.Rand, training bool) error {
	if d == nil {
		return nil
	}
	keep := 1 / (1 - d.P)
	for _, m := range d.masks {
		v := d.buf[:0]
		for range m.Shape().TotalSize() {
			switch {
			case !training:
				v = append(v, 1)
			case rng.Float64() >= d.P:
				v = append(v, keep)
			default:
				v = append(v, 0)
			}
		}
		d.buf = v // Set copies, so one buffer serves every mask
		if err := d.g.Set(m, v); err != nil {
			return err
		}
	}
	return nil
}
