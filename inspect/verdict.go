package inspect

import (
	"fmt"
	"math"
	"slices"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/eval"
)

// Verdict is what the trained model makes of one sentence's target word,
// two ways: the sense head's prediction, and the nearest sense centroid of
// the final layer (the report's nearest-centroid classifier).
type Verdict struct {
	Head     string  `json:"head"`      // the sense label the head ranks first ("bank:river"); "" without a sense head
	HeadProb float64 `json:"head_prob"` // its softmax probability over all the head's labels
	// Centroid is the label of the training-split centroid nearest (by
	// cosine) to the target's final-layer vector, among the word's senses;
	// "" when the training sample has no sentence of the word.
	Centroid string `json:"centroid"`
	// Margin is the nearest centroid's cosine minus the runner-up's: near 0,
	// the vector sits between the senses. 0 when the word has one sense.
	Margin float64 `json:"margin"`
}

// Verdicts returns a Verdict for each of sents, whose targets (Word, Pos)
// must be set, as Quick and Sentences set them. train gives the centroids:
// the labelled sentences of the targets' words, as TrainSample returns them
// (nil: no centroid verdicts). The model runs once over both.
func (c *Checkpoint) Verdicts(sents, train []data.Sentence) ([]Verdict, error) {
	words := map[string]bool{}
	for i, s := range sents {
		if s.Pos < 0 || s.Pos >= len(s.Tokens) {
			return nil, fmt.Errorf("verdicts: sentence %d (%q) has no target", i+1, data.Shorten(s.Text))
		}
		words[s.Word] = true
	}
	all := slices.Clone(sents)
	for _, s := range train {
		if words[s.Word] && s.Label() != "" {
			all = append(all, s)
		}
	}
	m, err := c.trained(min(len(all), batchSize), longest(all))
	if err != nil {
		return nil, err
	}
	final, labels := c.Config().Layers, c.Loaded.File.Senses
	vecs := make([][]float64, len(all))
	out := make([]Verdict, len(sents))
	err = forward(m, c.Vocab, all, func(i, row int) error {
		vecs[i] = m.Vector(final, row, all[i].Pos)
		if logits := m.SenseLogits(); i < len(sents) && logits != nil && len(labels) > 0 {
			best, p := softmaxMax(logits[row*len(labels) : (row+1)*len(labels)])
			out[i].Head, out[i].HeadProb = labels[best], p
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	centroids := map[string][]float64{} // label -> sum, then mean
	counts := map[string]int{}
	for i := len(sents); i < len(all); i++ {
		l := all[i].Label()
		if centroids[l] == nil {
			centroids[l] = make([]float64, len(vecs[i]))
		}
		for k, x := range vecs[i] {
			centroids[l][k] += x
		}
		counts[l]++
	}
	for l, v := range centroids {
		for k := range v {
			v[k] /= float64(counts[l])
		}
	}
	for i, s := range sents {
		out[i].Centroid, out[i].Margin = nearest(vecs[i], s.Word, centroids)
	}
	return out, nil
}

// nearest returns the label of word's centroid nearest to v by cosine and
// its margin over the runner-up; labels are tried in sorted order, so a
// tie goes to the first.
func nearest(v []float64, word string, centroids map[string][]float64) (string, float64) {
	var labels []string
	for l := range centroids {
		if w, _ := data.SplitLabel(l); w == word {
			labels = append(labels, l)
		}
	}
	slices.Sort(labels)
	best, first, second := "", math.Inf(-1), math.Inf(-1)
	for _, l := range labels {
		switch cs := eval.Cosine(v, centroids[l]); {
		case cs > first:
			best, first, second = l, cs, first
		case cs > second:
			second = cs
		}
	}
	if len(labels) < 2 {
		return best, 0
	}
	return best, first - second
}

// softmaxMax returns the arg-max of logits and its softmax probability.
func softmaxMax(logits []float64) (int, float64) {
	best := 0
	for i, x := range logits {
		if x > logits[best] {
			best = i
		}
	}
	sum := 0.0
	for _, x := range logits {
		sum += math.Exp(x - logits[best])
	}
	return best, 1 / sum
}

// TrainSample is the labelled training sentences whose final-layer vectors
// make the sense centroids (data.CentroidSample of the checkpoint's
// training split, rebuilt with its vocabulary), as the report uses.
func (c *Checkpoint) TrainSample() ([]data.Sentence, error) {
	d, err := data.LoadTrain(c.Loaded.Config, c.Loaded.File.Vocab)
	if err != nil {
		return nil, fmt.Errorf("load the checkpoint's training data: %w", err)
	}
	if err := c.fitAll(d.Train); err != nil {
		return nil, fmt.Errorf("the training split of the checkpoint's data: %w", err)
	}
	return data.CentroidSample(d.Train), nil
}
