package inspect

import (
	"fmt"
	"math"
	"sync"

	"github.com/attendlab/attend/corpus"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/metrics"
)

// Centroid is the mean final-layer vector of one sense of a word over its
// training occurrences: the nearest-centroid classifier's reference point.
type Centroid = metrics.Centroid

// Centroids are the sense centroids of every labelled word of train, by
// word, senses in sorted order. The report's nearest-centroid score uses
// the same sentences (EvalData's centroid sample) and the same final layer.
func (c *Checkpoint) Centroids(train []data.Sentence) (map[string][]Centroid, error) {
	train = data.Labelled(train, 0)
	out := map[string][]Centroid{}
	if len(train) == 0 {
		return out, nil
	}
	obs, err := c.Observe(train)
	if err != nil {
		return nil, err
	}
	final := c.Config().Layers + 1 // static, input, layer1..N
	gs := metrics.Groups{}
	for i, o := range obs {
		gs.Add(train[i].Word, train[i].Sense, o.Target[final])
	}
	for w, g := range gs {
		out[w] = g.Centroids()
	}
	return out, nil
}

// Verdict is what the model says about the sense of its target in one
// sentence, two ways: the sense head's choice, and the nearest centroid of
// the target's final vector.
type Verdict struct {
	Head     string  `json:"head"`                 // the head's most likely sense of the word ("" without a head or senses)
	HeadProb float64 `json:"head_prob"`            // its probability, the softmax over the word's senses only
	Nearest  string  `json:"nearest"`              // the sense whose centroid has the highest cosine ("" without centroids)
	Cos      float64 `json:"cos"`                  // that cosine
	Margin   float64 `json:"margin"`               // Cos minus the runner-up's cosine (0 with one sense)
	Only     bool    `json:"only_sense,omitempty"` // the word has one sense centroid: nothing to be nearer than
}

// Verdict judges the observation o of word against the word's centroids.
func (c *Checkpoint) Verdict(o Observation, centroids []Centroid) Verdict {
	var v Verdict
	word := o.Sentence.Word
	if len(o.SenseLogits) > 0 {
		var senses []string
		var logits []float64
		for i, l := range c.Loaded.File.Senses {
			if w, s := data.SplitLabel(l); w == word && i < len(o.SenseLogits) {
				senses, logits = append(senses, s), append(logits, o.SenseLogits[i])
			}
		}
		if len(logits) > 0 {
			p := softmax(logits)
			best := argmaxF(p)
			v.Head, v.HeadProb = senses[best], p[best]
		}
	}
	final := o.Target[len(o.Target)-1]
	second := math.Inf(-1)
	v.Cos = math.Inf(-1)
	for _, ct := range centroids {
		cs := metrics.Cosine(final, ct.Vec)
		switch {
		case cs > v.Cos:
			second, v.Cos, v.Nearest = v.Cos, cs, ct.Sense
		case cs > second:
			second = cs
		}
	}
	switch {
	case v.Nearest == "":
		v.Cos = 0
	case math.IsInf(second, -1):
		v.Only = true
	default:
		v.Margin = v.Cos - second
	}
	return v
}

func argmaxF(xs []float64) int {
	best := 0
	for i, x := range xs {
		if x > xs[best] {
			best = i
		}
	}
	return best
}

// TrainSample is the labelled training sentences whose final-layer vectors
// make the sense centroids (data.CentroidSample of the checkpoint's
// training split, rebuilt with its vocabulary), as the report uses.
func (c *Checkpoint) TrainSample() ([]data.Sentence, error) {
	o, err := corpus.Options(c.Loaded.Config)
	if err != nil {
		return nil, fmt.Errorf("the checkpoint's training data: %w", err)
	}
	d, err := data.LoadTrain(o, c.Loaded.File.Vocab)
	if err != nil {
		return nil, fmt.Errorf("load the checkpoint's training data: %w", err)
	}
	if err := c.fitAll(d.Train); err != nil {
		return nil, fmt.Errorf("the training split of the checkpoint's data: %w", err)
	}
	return data.CentroidSample(d.Train), nil
}

// SenseCentroids are the centroids of TrainSample, computed once per
// checkpoint: rebuilding the training split costs far more than a sentence.
func (c *Checkpoint) SenseCentroids() (map[string][]Centroid, error) {
	c.cents.once.Do(func() {
		train, err := c.TrainSample()
		if err == nil {
			c.cents.byWord, err = c.Centroids(train)
		}
		c.cents.err = err
	})
	return c.cents.byWord, c.cents.err
}

// centroidCache holds SenseCentroids.
type centroidCache struct {
	once   sync.Once
	byWord map[string][]Centroid
	err    error
}

// quickVerdicts fills q.Verdicts from q.Obs, with centroids of the training
// sample of q's word; without the training data (a moved run whose data
// files are gone) the head still speaks and a note says why no centroid does.
func (c *Checkpoint) quickVerdicts(q *QuickLook) error {
	all, err := c.SenseCentroids()
	if err != nil {
		q.Notes = append(q.Notes, fmt.Sprintf("no nearest centroids: %v", err))
	}
	for _, o := range q.Obs {
		q.Verdicts = append(q.Verdicts, c.Verdict(o, all[q.Word]))
	}
	return nil
}
