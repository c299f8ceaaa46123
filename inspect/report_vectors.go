package inspect

import (
	"fmt"
	"slices"
	"strings"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/metrics"
	"github.com/attendlab/attend/model"
)

// fillVectors runs the sentences the report needs through the trained and
// the untrained model and stores, for every word, its occurrences' vectors
// in each representation, plus the random token pairs of the anisotropy
// baseline (r.baseline, per representation).
func (c *Checkpoint) fillVectors(r *Report, words []*wordData, o ReportOptions) error {
	var evalRefs []tokenRef
	for _, w := range words {
		for _, i := range w.sents {
			evalRefs = append(evalRefs, tokenRef{i, o.Eval[i].Pos})
		}
	}
	pairs := randomPairs(o.Eval, BaselinePairs, baselineSeed)
	for _, p := range pairs {
		evalRefs = append(evalRefs, p[0], p[1])
	}
	var trainRefs []tokenRef
	for _, w := range words {
		// Sense ids are the held-out ones; a sense only the training split
		// has gets the next: a centroid that can only be wrong.
		g := metrics.Group{Senses: slices.Clone(w.senseNames)}
		for i, s := range o.Train {
			if s.Word != w.word || s.Label() == "" {
				continue
			}
			w.trainSense = append(w.trainSense, g.ID(s.Sense))
			trainRefs = append(trainRefs, tokenRef{i, s.Pos})
		}
		w.senseNames = g.Senses
		w.perSense = append(w.perSense, make([]int, len(g.Senses)-len(w.perSense))...)
	}
	for _, w := range words {
		if missing := w.missingCentroids(); len(missing) > 0 {
			trained := strings.Join(w.trainedSenses(), ", ")
			if trained == "" {
				trained = "none"
			}
			r.Notes = append(r.Notes, fmt.Sprintf("%s: centroid accuracy not scored: no training occurrences of sense %s (training senses: %s)",
				w.word, strings.Join(missing, ", "), trained))
		}
	}

	seqLen := 1
	for _, ref := range evalRefs {
		seqLen = max(seqLen, len(o.Eval[ref.sent].Tokens))
	}
	for _, ref := range trainRefs {
		seqLen = max(seqLen, len(o.Train[ref.sent].Tokens))
	}
	m, release, err := c.trained(batchSize, seqLen)
	if err != nil {
		return err
	}
	defer release()
	u, err := c.untrained(batchSize, seqLen)
	if err != nil {
		return err
	}
	vec, err := c.representations(m, u, o.Eval, evalRefs)
	if err != nil {
		return err
	}
	trainVec, err := c.representations(m, u, o.Train, trainRefs)
	if err != nil {
		return err
	}
	k, kt := 0, 0
	for _, w := range words {
		w.vecs = make([][][]float64, len(r.reps))
		w.trainVecs = make([][][]float64, len(r.reps))
		for ri := range r.reps {
			w.vecs[ri] = vec[ri][k : k+len(w.sents)]
			w.trainVecs[ri] = trainVec[ri][kt : kt+len(w.trainSense)]
		}
		k += len(w.sents)
		kt += len(w.trainSense)
	}
	r.baseline = make([][][2][]float64, len(r.reps))
	for ri := range r.reps {
		for p := range pairs {
			a, b := k+2*p, k+2*p+1
			r.baseline[ri] = append(r.baseline[ri], [2][]float64{vec[ri][a], vec[ri][b]})
		}
	}
	return nil
}

// representations returns the vector of every ref in every representation
// of Representations, out[rep][ref], from the trained model m and the
// untrained model u. The two run side by side, one per core.
func (c *Checkpoint) representations(m, u *model.Model, sents []data.Sentence, refs []tokenRef) ([][][]float64, error) {
	layers := c.Config().Layers
	out := make([][][]float64, layers+3)
	if len(refs) == 0 {
		return out, nil
	}
	var untrained [][][]float64
	errs := make(chan error, 1)
	go func() {
		var err error
		untrained, err = layerVectors(u, c.Vocab, sents, refs)
		errs <- err
	}()
	trained, err := layerVectors(m, c.Vocab, sents, refs)
	if uerr := <-errs; err == nil {
		err = uerr
	}
	if err != nil {
		return nil, err
	}
	for k, ref := range refs {
		out[0] = append(out[0], m.Static(c.Vocab.ID(sents[ref.sent].Tokens[ref.pos])))
		for l := 0; l <= layers; l++ {
			out[l+1] = append(out[l+1], trained[k][l])
		}
		out[layers+2] = append(out[layers+2], untrained[k][layers])
	}
	return out, nil
}

// missingCentroids lists the senses of w's evaluated occurrences that the
// training split never shows, e.g. a .tsv file that calls "finance"
// "money". The nearest-centroid classifier has no centroid for them and
// would score every such occurrence wrong.
func (w *wordData) missingCentroids() []string {
	trained := w.trainedSenses()
	var out []string
	for id, n := range w.perSense {
		if n > 0 && !slices.Contains(trained, w.senseNames[id]) {
			out = append(out, w.senseNames[id])
		}
	}
	return out
}

// trainedSenses lists, sorted, the senses of w's training occurrences.
func (w *wordData) trainedSenses() []string {
	var out []string
	for _, id := range w.trainSense {
		out = append(out, w.senseNames[id])
	}
	slices.Sort(out)
	return slices.Compact(out)
}
