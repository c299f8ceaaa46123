package train

import (
	"errors"
	"fmt"
	"github.com/attendlab/attend/runfolder"
	"sort"

	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/eval"
	"github.com/attendlab/attend/model"
	"gorgonia.org/tensor"
)

// prober validates the model on the held-out split with a forward-only model
// that shares the training model's weights.
type prober struct {
	m        *model.Model
	masked   []data.Batch // held-out, masked once with a fixed seed: comparable losses
	heldout  []data.Batch // held-out, unmasked: target vectors
	centroid []data.Batch // some training sentences, unmasked: sense centroids
	senses   []string
}

func newProber(c *configs.Config, d *data.Dataset, trained *model.Model) (*prober, error) {
	b, seq := c.Train.BatchSize, c.Model.MaxLen
	m, err := model.New(trained.Config, b, seq, model.Options{Dtype: tensor.Float32, MLM: c.UsesMLM(), Sense: c.UsesSense(), Observe: true})
	if err != nil {
		return nil, err
	}
	if err := m.ShareWeights(trained); err != nil {
		return nil, err
	}
	p := &prober{m: m, senses: d.Senses}
	if c.UsesMLM() {
		if p.masked, err = data.EncodeMasked(d.Heldout, d.Vocab, d.Senses, b, seq, data.MaskConfig{Prob: c.Data.MaskProb}, uint64(c.Data.Seed)+1); err != nil {
			return nil, c.Errorf("model.max_len", "held-out split: %v", err)
		}
	}
	// The sense probe needs labelled sentences in both splits (plain text has none).
	sample, labelled := data.CentroidSample(d.Train), data.Labelled(d.Heldout, 0)
	if len(sample) == 0 || len(labelled) == 0 {
		return p, nil
	}
	if p.heldout, err = data.Encode(labelled, d.Vocab, d.Senses, b, seq); err != nil {
		return nil, c.Errorf("model.max_len", "held-out split: %v", err)
	}
	if p.centroid, err = data.Encode(sample, d.Vocab, d.Senses, b, seq); err != nil {
		return nil, fmt.Errorf("training split: %w", err)
	}
	return p, nil
}

// run validates the training model's current weights.
func (p *prober) run(step int) (*runfolder.Validation, error) {
	st := &runfolder.Validation{Step: step, PerWord: map[string]float64{}}
	var mlmLoss float64
	var correct, count int
	for _, b := range p.masked {
		r, err := p.m.Run(b, false, nil)
		if err != nil {
			return nil, err
		}
		mlmLoss += r.MLMLoss * float64(r.MLMCount)
		correct, count = correct+r.MLMCorrect, count+r.MLMCount
	}
	if count > 0 {
		st.MLMLoss, st.MLMAcc = mlmLoss/float64(count), float64(correct)/float64(count)
	}
	if p.heldout == nil {
		st.Loss = st.MLMLoss
		return st, nil
	}
	test, senseLoss, err := p.targets(p.heldout)
	if err != nil {
		return nil, err
	}
	st.SenseLoss = senseLoss
	st.Loss = st.MLMLoss + st.SenseLoss
	train, _, err := p.targets(p.centroid)
	if err != nil {
		return nil, err
	}
	acc, err := probe(train, test, p.senses, st.PerWord)
	if err != nil {
		return nil, err
	}
	if len(st.PerWord) > 0 {
		st.Probe = &acc
	}
	return st, nil
}

// targetVecs are the final-layer vectors of labelled target words.
type targetVecs struct {
	vecs   [][]float64
	labels []int
}

// targets runs unmasked batches and collects every target word's final vector.
func (p *prober) targets(batches []data.Batch) (targetVecs, float64, error) {
	var tv targetVecs
	var loss float64
	var n int
	last := p.m.Config.Layers
	for _, b := range batches {
		r, err := p.m.Run(b, false, nil)
		if err != nil {
			return tv, 0, err
		}
		loss += r.SenseLoss * float64(r.SenseCount)
		n += r.SenseCount
		for i, pos := range b.Target {
			if pos < 0 || b.Sense[i] < 0 {
				continue
			}
			tv.vecs = append(tv.vecs, p.m.Vector(last, i, pos))
			tv.labels = append(tv.labels, b.Sense[i])
		}
	}
	if n > 0 {
		loss /= float64(n)
	}
	return tv, loss, nil
}

// probe is the nearest-centroid sense accuracy per ambiguous word (centroids
// from training vectors), and their mean over words.
func probe(train, test targetVecs, senses []string, perWord map[string]float64) (float64, error) {
	word := func(label int) string {
		w, _ := data.SplitLabel(senses[label])
		return w
	}
	words := map[string]bool{}
	for _, l := range test.labels {
		words[word(l)] = true
	}
	names := make([]string, 0, len(words))
	for w := range words {
		names = append(names, w)
	}
	sort.Strings(names)
	var sum float64
	for _, w := range names {
		pick := func(tv targetVecs) ([][]float64, []int) {
			var v [][]float64
			var l []int
			for i, lab := range tv.labels {
				if word(lab) == w {
					v, l = append(v, tv.vecs[i]), append(l, lab)
				}
			}
			return v, l
		}
		trv, trl := pick(train)
		tev, tel := pick(test)
		acc, err := eval.CentroidAccuracy(trv, trl, tev, tel)
		if errors.Is(err, eval.ErrEmpty) {
			continue // no training occurrences of this word to make centroids
		}
		if err != nil {
			return 0, fmt.Errorf("sense probe of %q: %w", w, err)
		}
		perWord[w] = acc
		sum += acc
	}
	if len(perWord) == 0 {
		return 0, nil
	}
	return sum / float64(len(perWord)), nil
}
