package model

import (
	"fmt"

	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/layers"
)

// The masked-LM objective: guess the original word at the masked positions
// from the final vectors, logits = mlm_head(h) [B*T, V].
func init() {
	Register(Spec{Name: "mlm", Label: "masked LM", Rank: 10, Input: Masked, ValAcc: true,
		Terms: []TermSpec{{Name: "mlm", Validated: true}}, New: func() Head { return &mlmHead{} }})
}

type mlmHead struct {
	labels       *graph.Node
	loss, logits *graph.Watch
	vocab        int
}

func (h *mlmHead) Declare(m *Model, loss bool) error {
	c := m.Config
	h.vocab = c.Vocab
	if !c.MLMHead {
		if loss {
			return fmt.Errorf("model: the masked-LM loss needs a masked-LM head (Config.MLMHead)")
		}
		layers.SkipLinear(m.G, c.DModel, c.Vocab)
		return nil
	}
	var err error
	m.MLMHead, err = layers.NewLinear(m.G, MLMHeadName, c.DModel, c.Vocab)
	return err
}

func (h *mlmHead) Wire(m *Model, hidden *graph.Node, loss bool, _ Options) *graph.Node {
	if !loss {
		return nil
	}
	g := m.G
	logits := m.MLMHead.Forward(hidden) // [B*T, V]
	h.labels = g.Input("mlm_labels", m.Batch*m.SeqLen)
	ce := g.CrossEntropy(logits, h.labels)
	h.logits, h.loss = g.Watch(logits), g.Watch(ce)
	m.out.logits = h.logits
	return ce
}

func (h *mlmHead) Feed(g *graph.Graph, b Batch) error {
	if h.labels == nil {
		return nil
	}
	return g.Set(h.labels, floats(b.Labels))
}

func (h *mlmHead) Measure(b Batch) ([]float64, Count) {
	if h.loss == nil {
		return nil, Count{}
	}
	return []float64{h.loss.Value()[0]}, accuracy(h.logits.Value(), b.Labels, h.vocab)
}
