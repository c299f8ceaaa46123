package train

import (
	"errors"
	"fmt"
	"slices"

	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/metrics"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/runfolder"
	"gorgonia.org/tensor"
)

// prober validates the model on the held-out split with a forward-only model
// that shares the training model's weights. Each trained head is measured
// on the batches of its input (model.Spec.Input).
type prober struct {
	m        *model.Model
	heads    []model.Spec // the trained heads, in rank order
	masked   []data.Batch // held-out, masked once with a fixed seed: comparable losses
	heldout  []data.Batch // held-out, unmasked: target vectors
	centroid []data.Batch // some training sentences, unmasked: sense centroids
	senses   []string
}

func newProber(c *configs.Config, d *data.Dataset, trained *model.Model) (*prober, error) {
	b, seq := c.Train.BatchSize, c.Model.MaxLen
	m, err := model.New(trained.Config, b, seq, model.Options{Dtype: tensor.Float32, Loss: c.Heads(), Observe: true, MaxMaskedRows: maskedRows(c)})
	if err != nil {
		return nil, err
	}
	if err := m.ShareWeights(trained); err != nil {
		return nil, err
	}
	p := &prober{m: m, senses: d.Senses}
	for _, s := range model.Heads() {
		if slices.Contains(c.Heads(), s.Name) {
			p.heads = append(p.heads, s)
		}
	}
	if slices.ContainsFunc(p.heads, func(s model.Spec) bool { return s.Input == model.Masked }) {
		if p.masked, err = data.EncodeMasked(d.Heldout, d.Vocab, d.Senses, b, seq, data.MaskConfig{Prob: c.Data.MaskProb, MaxPerBatch: maskedRows(c)}, uint64(c.Data.Seed)+1); err != nil {
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

// means accumulates, per trained head, the count-weighted means of its
// validated terms and its accuracy over the batches of its input.
type means struct {
	heads   []model.Spec
	sums    map[string]float64
	correct map[string]int
	count   map[string]int
}

func newMeans(heads []model.Spec) *means {
	return &means{heads: heads, sums: map[string]float64{}, correct: map[string]int{}, count: map[string]int{}}
}

func (a *means) add(in model.Input, r model.Result) {
	for _, s := range a.heads {
		if s.Input != in {
			continue
		}
		n := r.Accuracy(s.Name)
		for _, t := range s.Terms {
			if t.Validated {
				a.sums[t.Name] += r.Term(t.Name) * float64(n.Count)
			}
		}
		a.correct[s.Name] += n.Correct
		a.count[s.Name] += n.Count
	}
}

// into writes the means and their sum, the validation loss, into st.
func (a *means) into(st *runfolder.Validation) {
	for _, s := range a.heads {
		n := a.count[s.Name]
		for _, t := range s.Terms {
			if !t.Validated {
				continue
			}
			if n > 0 {
				st.Terms[t.Name] = a.sums[t.Name] / float64(n)
			}
			st.Loss += st.Terms[t.Name]
		}
		if s.ValAcc && n > 0 {
			st.Acc[s.Name] = float64(a.correct[s.Name]) / float64(n)
		}
	}
}

// run validates the training model's current weights.
func (p *prober) run(step int) (*runfolder.Validation, error) {
	st := &runfolder.Validation{Step: step, Terms: map[string]float64{}, Acc: map[string]float64{}, PerWord: map[string]float64{}}
	acc := newMeans(p.heads)
	for _, b := range p.masked {
		r, err := p.m.Run(b, false, nil)
		if err != nil {
			return nil, err
		}
		acc.add(model.Masked, r)
	}
	if p.heldout == nil {
		acc.into(st)
		return st, nil
	}
	test, err := p.targets(p.heldout, acc)
	if err != nil {
		return nil, err
	}
	acc.into(st)
	train, err := p.targets(p.centroid, nil)
	if err != nil {
		return nil, err
	}
	mean, err := probe(train, test, st.PerWord)
	if err != nil {
		return nil, err
	}
	if len(st.PerWord) > 0 {
		st.Probe = &mean
	}
	return st, nil
}

// targets runs unmasked batches and groups every labelled target word's
// final vector by word and sense; acc, when not nil, takes the losses.
func (p *prober) targets(batches []data.Batch, acc *means) (metrics.Groups, error) {
	gs := metrics.Groups{}
	last := p.m.Config.Layers
	for _, b := range batches {
		r, err := p.m.Run(b, false, nil)
		if err != nil {
			return nil, err
		}
		if acc != nil {
			acc.add(model.Targets, r)
		}
		for i, pos := range b.Target {
			if pos < 0 || b.Sense[i] < 0 {
				continue
			}
			word, sense := data.SplitLabel(p.senses[b.Sense[i]])
			gs.Add(word, sense, p.m.Vector(last, i, pos))
		}
	}
	return gs, nil
}

// probe is the nearest-centroid sense accuracy per ambiguous word (centroids
// from training vectors), and their mean over words.
func probe(train, test metrics.Groups, perWord map[string]float64) (float64, error) {
	var sum float64
	for _, w := range test.Words() {
		if train[w] == nil || len(train[w].Senses) < 2 {
			continue // no centroids, or one: nothing to tell apart (it would score 1.000)
		}
		acc, err := metrics.GroupAccuracy(train[w], test[w])
		if errors.Is(err, metrics.ErrEmpty) {
			continue
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
