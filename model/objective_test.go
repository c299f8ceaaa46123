package model_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/layers"
	"github.com/attendlab/attend/model"
)

// padHead is a whole objective in one place, as a user's file would add
// one: a head that tells padding from words at every position, reading a
// batch field that exists (Pad). Registering it is all the wiring it needs.
type padHead struct {
	lin    *layers.Linear
	labels *graph.Node
	loss   *graph.Watch
	logits *graph.Watch
}

func init() {
	model.Register(model.Spec{Name: "pad", Label: "padding", Rank: 90, Input: model.Targets, ValAcc: true,
		Terms: []model.TermSpec{{Name: "pad", Validated: true}}, New: func() model.Head { return &padHead{} }})
}

func (h *padHead) Declare(m *model.Model, loss bool) error {
	if !loss { // built only when trained: no parameters otherwise
		return nil
	}
	var err error
	h.lin, err = layers.NewLinear(m.G, "pad_head", m.Config.DModel, 2)
	return err
}

// Rows says the head reads every row of the final vectors, when trained.
func (h *padHead) Rows(_ *model.Model, loss bool, _ model.Options) (*graph.Node, bool) {
	return nil, loss
}

func (h *padHead) Wire(m *model.Model, hidden *graph.Node, loss bool, _ model.Options) *graph.Node {
	if !loss {
		return nil
	}
	logits := h.lin.Forward(hidden)
	h.labels = m.G.Input("pad_labels", m.Batch*m.SeqLen)
	ce := m.G.CrossEntropy(logits, h.labels)
	h.loss, h.logits = m.G.Watch(ce), m.G.Watch(logits)
	return ce
}

func (h *padHead) Feed(g *graph.Graph, b model.Batch) error {
	if h.labels == nil {
		return nil
	}
	return g.Set(h.labels, padLabels(b))
}

func padLabels(b model.Batch) []float64 {
	out := make([]float64, len(b.Pad))
	for i, p := range b.Pad {
		if p {
			out[i] = 1
		}
	}
	return out
}

func (h *padHead) Measure(b model.Batch) ([]float64, model.Count) {
	if h.loss == nil {
		return nil, model.Count{}
	}
	var n model.Count
	lg := h.logits.Value()
	for i, p := range b.Pad {
		n.Count++
		if (lg[2*i+1] > lg[2*i]) == p {
			n.Correct++
		}
	}
	return []float64{h.loss.Value()[0]}, n
}

// TestObjectives: the registry orders heads and terms by rank (the order
// of metrics.jsonl's keys), a model trains any registered head's loss
// alone or beside others, and names no head has are errors.
func TestObjectives(t *testing.T) {
	var names []string
	for _, s := range model.Heads() {
		names = append(names, s.Name)
	}
	if want := []string{"mlm", "sense", "pad"}; !slices.Equal(names, want) {
		t.Errorf("heads %v, want %v", names, want)
	}
	if got, want := model.TermNames(), []string{"mlm", "sense", "contrast", "pad"}; !slices.Equal(got, want) {
		t.Errorf("terms %v, want %v", got, want)
	}
	cfg := model.Config{Vocab: 30, Senses: 2, MLMHead: true, Shape: headShape}
	bt := syntheticBatch(cfg.Vocab, 3, 5, 0.3, rand.New(rand.NewPCG(1, 1)))
	bt.Target, bt.Sense = []int{0, 1, 1}, []int{0, 1, 0}
	tests := []struct {
		loss    []string
		weights map[string]float64
		on      []string // terms that must be positive
		err     string
	}{
		{loss: []string{"pad"}, on: []string{"pad"}},
		{loss: []string{"mlm", "pad"}, on: []string{"mlm", "pad"}},
		{loss: []string{"sense"}, weights: map[string]float64{"contrast": 0.5}, on: []string{"sense", "contrast"}},
		{loss: []string{"sense"}, on: []string{"sense"}},
		{loss: []string{"cls"}, err: `no objective "cls" (have mlm, sense, pad)`},
		{loss: nil, err: "gradients need a loss"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.loss, "+"), func(t *testing.T) {
			m, err := model.New(cfg, 3, 5, model.Options{Loss: tt.loss, Weights: tt.weights, Grad: true, Seed: 2})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %v, want an error with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			r, err := m.Run(bt, true, rand.New(rand.NewPCG(3, 3)))
			if err != nil {
				t.Fatal(err)
			}
			var sum float64
			for _, name := range model.TermNames() {
				v := r.Term(name)
				if on := slices.Contains(tt.on, name); on != (v > 0) {
					t.Errorf("term %s = %v, want positive %v", name, v, on)
				}
				if name != "contrast" {
					sum += v
				} else {
					sum += tt.weights["contrast"] * v
				}
			}
			if d := r.Loss - sum; d > 1e-5 || d < -1e-5 {
				t.Errorf("loss %v, want the weighted sum of its terms %v", r.Loss, sum)
			}
			if slices.Contains(tt.loss, "pad") && r.Accuracy("pad").Count != 15 {
				t.Errorf("pad accuracy over %d positions, want 15", r.Accuracy("pad").Count)
			}
		})
	}
}
