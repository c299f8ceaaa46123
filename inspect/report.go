package inspect

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/metrics"
)

// Defaults of the report's sampling. They are fixed so that two runs of the
// report print the same numbers.
const (
	MinPerSense   = 5   // fewer occurrences of a sense than this and a word is not scored
	BootstrapReps = 200 // resamples for each 95% interval
	BootstrapSeed = 1   // the same resamples for every representation, so they are compared on equal terms
	BaselinePairs = 200 // random token pairs of the anisotropy baseline
	baselineSeed  = 1
)

// ReportOptions say what to evaluate.
type ReportOptions struct {
	DataName string          // "heldout" or the .tsv file, for the header
	Eval     []data.Sentence // labelled sentences to score
	Train    []data.Sentence // training split: the centroids of the nearest-centroid classifier
	Word     string          // only this word; "" = every ambiguous word of Eval
}

// Representations names the vectors the report compares, in the order a
// token meets them: static (its embedding row), input (embedding +
// position), layer1..layerN (each encoder layer's output, the last after
// the final norm) and untrained (the last layer of an untrained model).
func Representations(layers int) []string {
	reps := []string{"static", "input"}
	for i := 1; i <= layers; i++ {
		reps = append(reps, fmt.Sprintf("layer%d", i))
	}
	return append(reps, "untrained")
}

// wordData is one scored word's held-out occurrences in every representation.
type wordData struct {
	word       string
	senseNames []string      // sense id = index
	perSense   []int         // held-out occurrences of each sense
	sents      []int         // index into Eval of each occurrence
	senses     []int         // sense id of each occurrence
	vecs       [][][]float64 // [representation][occurrence] vector
	trainVecs  [][][]float64 // [representation][training occurrence] vector
	trainSense []int
}

// BuildReport runs the evaluation sentences (and the training occurrences
// of the words) through the trained and an untrained model and scores every
// word and representation.
func (c *Checkpoint) BuildReport(o ReportOptions) (*Report, error) {
	r := &Report{Checkpoint: c.Path, Step: c.Loaded.Step, Data: o.DataName, Results: []Result{},
		reps: Representations(c.Config().Layers)}
	if d := c.Loaded.Config.Data; d.Corpus == configs.Files {
		r.heldout = d.HeldoutFile
	}
	if c.Loaded.Defaults {
		r.Notes = append(r.Notes, fmt.Sprintf("%s is a bare model file that does not record its run: the untrained baseline uses the built-in config's train.seed %d, and the training split (centroids) and held-out data come from the built-in config's data section",
			c.Path, c.Loaded.Config.Train.Seed))
	}
	words, err := c.selectWords(r, o)
	if err != nil {
		return nil, err
	}
	word := "" // with --word, the counts and sentences are that word's only
	if o.Word != "" {
		word = words[0].word
	}
	r.word = word
	c.countUnknown(r, o.Eval, word)
	if err := c.fillVectors(r, words, o); err != nil {
		return nil, err
	}
	final := len(r.reps) - 2 // the last layer; untrained comes after it
	for _, w := range words {
		for ri, rep := range r.reps {
			res, correct, err := score(w, ri, r.baseline[ri])
			if err != nil {
				return nil, fmt.Errorf("score %s %s: %w", w.word, rep, err)
			}
			res.Representation = rep
			r.Results = append(r.Results, res)
			if ri == final && correct != nil {
				r.setVerdicts(w, correct, o.Eval, word)
			}
		}
	}
	r.words = words
	return r, nil
}

// selectWords groups the labelled sentences by word and keeps the words
// with at least two senses of MinPerSense occurrences each.
func (c *Checkpoint) selectWords(r *Report, o ReportOptions) ([]*wordData, error) {
	byWord := map[string]*wordData{}
	var names []string
	for i, s := range o.Eval {
		if s.Label() == "" {
			continue
		}
		w, ok := byWord[s.Word]
		if !ok {
			w = &wordData{word: s.Word}
			byWord[s.Word] = w
			names = append(names, s.Word)
		}
		w.sents = append(w.sents, i)
	}
	slices.Sort(names)
	if o.Word != "" {
		want := data.Tokenize(o.Word)
		if len(want) == 1 {
			want[0] = data.FormsAmong(want[0], names)[0] // "banks" reports bank
		}
		if len(want) != 1 || byWord[want[0]] == nil {
			return nil, Usagef("--word %q: no labelled sentences of it in %s (words: %s)", o.Word, o.DataName, strings.Join(names, ", "))
		}
		names = want
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s has no labelled sentences (word<TAB>sense<TAB>sentence), so there is nothing to score; next: %s", o.DataName, c.nextSteps(o.DataName))
	}
	var out []*wordData
	for _, name := range names {
		w := byWord[name]
		w.count(o.Eval)
		small := w.dropSmallSenses(o.Eval)
		few := len(w.senseNames) < 2 || !c.knows(name)
		for _, n := range w.perSense {
			few = few || n < MinPerSense
		}
		if few {
			r.TooFew = append(r.TooFew, name)
			r.tooFewWhy = append(r.tooFewWhy, tooFewReason(c, w))
			continue
		}
		if len(small) > 0 { // said only of a word that is scored
			r.Notes = append(r.Notes, fmt.Sprintf("%s: %s left out of the scores (fewer than %d sentences a sense)", name, strings.Join(small, ", "), MinPerSense))
		}
		out = append(out, w)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("too few labelled sentences in %s to score any word: each needs 2 senses with at least %d sentences each (%s); next: %s",
			o.DataName, MinPerSense, strings.Join(r.tooFewWhy, "; "), c.nextSteps(o.DataName))
	}
	return out, nil
}

// count sets w's sense names, ids and counts from its sentences in eval.
func (w *wordData) count(eval []data.Sentence) {
	w.senseNames, w.senses = w.senseNames[:0], w.senses[:0]
	for _, i := range w.sents {
		w.senseNames = append(w.senseNames, eval[i].Sense)
	}
	slices.Sort(w.senseNames)
	w.senseNames = slices.Compact(w.senseNames)
	w.perSense = make([]int, len(w.senseNames))
	for _, i := range w.sents {
		id, _ := slices.BinarySearch(w.senseNames, eval[i].Sense)
		w.senses = append(w.senses, id)
		w.perSense[id]++
	}
}

// dropSmallSenses leaves out the sentences of senses with fewer than
// MinPerSense of them when two or more senses have enough (a stray label
// should not stop a word being scored), and returns what it left out as
// "sense (n)"; otherwise it changes nothing, and the word is reported as
// too few.
func (w *wordData) dropSmallSenses(eval []data.Sentence) []string {
	var small []string
	big := 0
	for i, n := range w.perSense {
		if n < MinPerSense {
			small = append(small, fmt.Sprintf("sense %s (%d)", w.senseNames[i], n))
		} else {
			big++
		}
	}
	if len(small) == 0 || big < 2 {
		return nil
	}
	kept := w.sents[:0]
	for k, i := range w.sents { // w.senses[k] is sentence i's sense id (count)
		if w.perSense[w.senses[k]] >= MinPerSense {
			kept = append(kept, i)
		}
	}
	w.sents = kept
	w.count(eval)
	return small
}

// nextSteps says what to run when the data (DataName) has nothing to score.
func (c *Checkpoint) nextSteps(data string) string {
	more := "score a labelled file with --data FILE.tsv (word<TAB>sense<TAB>sentence lines)"
	if data != HeldOut { // --data was given
		more = fmt.Sprintf("add labelled lines to %s (word<TAB>sense<TAB>sentence)", data)
	}
	return fmt.Sprintf("%s, or compare a word across your own sentences with: go run ./cmd/eval --checkpoint %s --word WORD \"first sentence\" \"second sentence\"", more, c.Path)
}

// tooFewReason says why a word is not scored.
func tooFewReason(c *Checkpoint, w *wordData) string {
	if !c.knows(w.word) {
		return fmt.Sprintf("%s: not in the model's vocabulary", w.word)
	}
	s := w.word + ":"
	for i, n := range w.perSense {
		s += fmt.Sprintf(" %s %d", w.senseNames[i], n)
	}
	return s
}

// score computes one row of the report: word w in representation ri, and
// for each occurrence 1 when the nearest centroid is its own sense, else 0
// (nil when there are no centroids to compare with).
func score(w *wordData, ri int, baseline [][2][]float64) (res Result, correct []float64, err error) {
	vecs, senses := w.vecs[ri], w.senses
	res = Result{Word: w.word, N: len(vecs), Majority: Num(metrics.Majority(senses))}
	auc, err := metrics.PairAUC(vecs, senses)
	if err != nil {
		return res, nil, err
	}
	gap, err := metrics.SenseGap(vecs, senses)
	if err != nil {
		return res, nil, err
	}
	knn, err := metrics.KNNAccuracy(vecs, senses)
	if err != nil {
		return res, nil, err
	}
	res.AUC, res.SenseGap, res.KNNAcc = Num(auc), Num(gap), Num(knn)
	res.SelfSimAdj = Num(metrics.SelfSimAdjusted(vecs, baseline))

	table, err := metrics.NewPairTable(vecs, senses)
	if err != nil {
		return res, nil, err
	}
	stat := func(pick func(auc, gap float64) float64) func(idx []int) (float64, error) {
		return func(idx []int) (float64, error) {
			auc, gap, err := table.Stats(metrics.Counts(idx, len(vecs)))
			return pick(auc, gap), err
		}
	}
	lo, hi, err := metrics.Bootstrap(len(vecs), BootstrapReps, BootstrapSeed, stat(func(a, _ float64) float64 { return a }))
	res.AUCCI = ci(lo, hi, err)
	lo, hi, err = metrics.Bootstrap(len(vecs), BootstrapReps, BootstrapSeed, stat(func(_, g float64) float64 { return g }))
	res.GapCI = ci(lo, hi, err)

	res.CentroidAcc, res.CentroidCI = Num(math.NaN()), noCI
	if len(w.missingCentroids()) == 0 { // else the score would be silently low: see Report.Notes
		// One test occurrence at a time, so the interval can resample them.
		correct = make([]float64, len(vecs))
		for i := range vecs {
			if correct[i], err = metrics.CentroidAccuracy(w.trainVecs[ri], w.trainSense, vecs[i:i+1], senses[i:i+1]); err != nil {
				return res, nil, err
			}
		}
		res.CentroidAcc = Num(meanAt(correct, nil))
		lo, hi, err := metrics.Bootstrap(len(vecs), BootstrapReps, BootstrapSeed, func(idx []int) (float64, error) {
			return meanAt(correct, idx), nil
		})
		res.CentroidCI = ci(lo, hi, err)
	}
	return res, correct, nil
}

// noCI is an interval that could not be computed: null in JSON.
var noCI = [2]Num{Num(math.NaN()), Num(math.NaN())}

// ci is an interval, or noCI when it could not be computed, e.g. every
// resample held a single sense.
func ci(lo, hi float64, err error) [2]Num {
	if err != nil {
		return noCI
	}
	return [2]Num{Num(lo), Num(hi)}
}

// meanAt is the mean of xs at idx, or of all of xs when idx is nil.
func meanAt(xs []float64, idx []int) float64 {
	if idx == nil {
		var s float64
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	var s float64
	for _, i := range idx {
		s += xs[i]
	}
	return s / float64(len(idx))
}
