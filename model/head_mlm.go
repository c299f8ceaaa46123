package model

import (
	"fmt"

	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/layers"
)

// The masked-LM objective: guess the original word at the masked positions
// from the final vectors, logits = mlm_head(h) [B*T, V], or only the masked
// rows' with Options.MaxMaskedRows.
func init() {
	Register(Spec{Name: "mlm", Label: "masked LM", Rank: 10, Input: Masked, ValAcc: true,
		Terms: []TermSpec{{Name: "mlm", Validated: true}}, New: func() Head { return &mlmHead{} }})
}

type mlmHead struct {
	labels       *graph.Node
	rows         *graph.Node // with Options.MaxMaskedRows: the batch rows the head reads
	loss, logits *graph.Watch
	vocab        int
	// With Options.MaxMaskedRows, the rows fed and their labels, reused.
	ids, rowLabels []int
	feed           []float64
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

// Rows declares the masked rows the head reads with Options.MaxMaskedRows
// (every row without it), when its loss is trained.
func (h *mlmHead) Rows(m *Model, loss bool, o Options) (*graph.Node, bool) {
	if !loss || o.MaxMaskedRows <= 0 {
		return nil, loss
	}
	rows := min(o.MaxMaskedRows, m.Batch*m.SeqLen)
	h.rows = m.G.IntInput("mlm_rows", rows)
	h.ids, h.rowLabels, h.feed = make([]int, rows), make([]int, rows), make([]float64, rows)
	return h.rows, true
}

// Wire builds the loss. With Options.MaxMaskedRows the head reads only the
// masked rows, gathered first (as the sense head reads the target rows):
// the other rows' scores never reach the loss, and over a large vocabulary
// they were most of a step's arithmetic.
func (h *mlmHead) Wire(m *Model, hidden *graph.Node, loss bool, o Options) *graph.Node {
	if !loss {
		return nil
	}
	g := m.G
	rows := m.Batch * m.SeqLen
	if h.rows != nil {
		rows = h.rows.Shape()[0]
		hidden = m.Gather(hidden, h.rows) // [rows, D]
	}
	logits := m.MLMHead.Forward(hidden) // [rows, V]
	h.labels = g.Input("mlm_labels", rows)
	ce := g.CrossEntropy(logits, h.labels)
	h.logits, h.loss = g.Watch(logits), g.Watch(ce)
	m.out.logits = h.logits
	return ce
}

func (h *mlmHead) Feed(g *graph.Graph, b Batch) error {
	if h.labels == nil {
		return nil
	}
	if h.rows == nil {
		return g.Set(h.labels, floats(b.Labels))
	}
	if want := b.B * b.T; len(b.Labels) != want {
		return fmt.Errorf("model: %d masked-LM labels for a batch of %d positions", len(b.Labels), want)
	}
	// The masked rows in order, then row 0 with no label in the slots left.
	k := 0
	for r, l := range b.Labels {
		if l < 0 {
			continue
		}
		if k == len(h.ids) {
			return fmt.Errorf("model: the batch has more masked positions than the %d the masked-LM head reads (Options.MaxMaskedRows)", len(h.ids))
		}
		h.ids[k], h.rowLabels[k], h.feed[k] = r, l, float64(l)
		k++
	}
	for ; k < len(h.ids); k++ {
		h.ids[k], h.rowLabels[k], h.feed[k] = 0, IgnoreLabel, IgnoreLabel
	}
	if err := g.Set(h.rows, h.ids); err != nil {
		return err
	}
	return g.Set(h.labels, h.feed)
}

func (h *mlmHead) Measure(b Batch) ([]float64, Count) {
	if h.loss == nil {
		return nil, Count{}
	}
	labels := b.Labels
	if h.rows != nil {
		labels = h.rowLabels
	}
	return []float64{h.loss.Value()[0]}, accuracy(h.logits.Value(), labels, h.vocab)
}
