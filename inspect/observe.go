package inspect

import (
	"github.com/attendlab/attend/data"
)

// Observation is what one forward pass shows about one sentence: its
// target's vector in every representation, the attention of every layer and
// head among its real tokens, and the sense head's scores for its target.
type Observation struct {
	Target      [][]float64     // [rep] static, input, layer1..layerN (Representations without untrained)
	Attention   [][][][]float64 // [layer][head][query][key], real tokens only; each row sums to 1
	SenseLogits []float64       // the sense head's score of each of the file's senses; nil without a head
	Sentence    data.Sentence   // Pos = the target
}

// Observe runs sents (each with its target set) through the trained model
// in one batch and returns an Observation of each.
func (c *Checkpoint) Observe(sents []data.Sentence) ([]Observation, error) {
	if err := c.fitAll(sents); err != nil {
		return nil, &UsageError{err}
	}
	m, release, err := c.trained(min(max(len(sents), 1), batchSize), longest(sents))
	if err != nil {
		return nil, err
	}
	defer release()
	cfg := c.Config()
	out := make([]Observation, len(sents))
	err = forward(m, c.Vocab, sents, func(i, row int) error {
		s := sents[i]
		o := Observation{Sentence: s, Target: [][]float64{m.Static(c.Vocab.ID(s.Tokens[s.Pos]))}}
		for l := 0; l <= cfg.Layers; l++ {
			o.Target = append(o.Target, m.Vector(l, row, s.Pos))
		}
		n := len(s.Tokens)
		o.Attention = make([][][][]float64, cfg.Layers)
		for l := range o.Attention {
			o.Attention[l] = make([][][]float64, cfg.Heads)
			for h := range o.Attention[l] {
				o.Attention[l][h] = make([][]float64, n)
				for q := range n {
					o.Attention[l][h][q] = m.Attention(l, row, h, q)[:n]
				}
			}
		}
		if logits := m.SenseLogits(); logits != nil {
			k := cfg.Senses
			o.SenseLogits = append([]float64(nil), logits[row*k:(row+1)*k]...)
		}
		out[i] = o
		return nil
	})
	return out, err
}
