package model

import (
	"fmt"

	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/layers"
)

// ContrastTemp is the temperature of the contrastive sense term.
const ContrastTemp = 0.1

// The sense objective: classify the target word's final vector (row
// b*T + target[b] of h, taken with Model.Gather) into its sense, plus, with a positive
// Options.Weights["contrast"], that weight times a supervised contrastive
// loss (graph.SupCon) on the same vectors.
func init() {
	Register(Spec{Name: "sense", Label: "sense head", Rank: 20, Input: Targets,
		Terms: []TermSpec{{Name: "sense", Validated: true}, {Name: "contrast"}}, New: func() Head { return &senseHead{} }})
}

type senseHead struct {
	target, labels         *graph.Node
	logits, loss, contrast *graph.Watch
	senses                 int
}

func (h *senseHead) Declare(m *Model, loss bool) error {
	c := m.Config
	h.senses = c.Senses
	if c.Senses == 0 {
		if loss {
			return fmt.Errorf("model: the sense loss needs a sense head (senses > 0)")
		}
		return nil
	}
	var err error
	m.SenseHead, err = layers.NewLinear(m.G, SenseHeadName, c.DModel, c.Senses)
	return err
}

// Rows declares the target rows, one a sentence, whenever the model has
// the head.
func (h *senseHead) Rows(m *Model, _ bool, _ Options) (*graph.Node, bool) {
	if m.SenseHead == nil {
		return nil, false
	}
	h.target = m.G.IntInput("target_rows", m.Batch)
	return h.target, true
}

// Wire builds the head whenever the model has one: its logits are the
// predictions inspect shows, with or without the loss.
func (h *senseHead) Wire(m *Model, hidden *graph.Node, loss bool, o Options) *graph.Node {
	if m.SenseHead == nil {
		return nil
	}
	g := m.G
	tv := m.Gather(hidden, h.target)
	sl := m.SenseHead.Forward(tv) // [B, senses]
	h.logits = g.Watch(sl)
	m.out.senseLogits = h.logits
	if !loss {
		return nil
	}
	h.labels = g.Input("sense_labels", m.Batch)
	sense := g.CrossEntropy(sl, h.labels)
	h.loss = g.Watch(sense) // the cross-entropy alone, as validation measures it
	if w := o.Weights["contrast"]; w > 0 {
		sc := g.SupCon(tv, h.labels, ContrastTemp)
		h.contrast = g.Watch(sc)
		sense = g.Add(sense, g.Scale(sc, w))
	}
	return sense
}

func (h *senseHead) Feed(g *graph.Graph, b Batch) error {
	if h.target == nil {
		return nil
	}
	rows := make([]int, b.B)
	labels := make([]int, b.B)
	for i, t := range b.Target {
		labels[i] = IgnoreLabel
		rows[i] = i * b.T
		if t >= 0 && t < b.T {
			rows[i] += t
			if b.Sense[i] >= 0 {
				labels[i] = b.Sense[i]
			}
		}
	}
	if err := g.Set(h.target, rows); err != nil {
		return err
	}
	if h.labels != nil {
		return g.Set(h.labels, floats(labels))
	}
	return nil
}

func (h *senseHead) Measure(b Batch) ([]float64, Count) {
	if h.logits == nil {
		return nil, Count{}
	}
	terms := make([]float64, 2)
	if h.loss != nil {
		terms[0] = h.loss.Value()[0]
	}
	if h.contrast != nil {
		terms[1] = h.contrast.Value()[0]
	}
	return terms, accuracy(h.logits.Value(), b.Sense, h.senses)
}
