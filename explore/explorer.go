package explore

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/inspect"
)

// Explorer answers the page's questions about one checkpoint. It is safe for
// concurrent use.
type Explorer struct {
	c        *inspect.Checkpoint
	dataName string          // "heldout" or the --data file
	examples []data.Sentence // labelled sentences, in the file's order: the senses map and its scores
	picks    []data.Sentence // the same, in the order the page offers them (pickOrder)
	train    []data.Sentence // the centroid sample of the training split
	runDir   string          // the run folder with metrics.jsonl; "" for a bare model file

	mu   sync.Mutex
	maps map[string]*mapEntry // by word
}

type mapEntry struct {
	once sync.Once
	m    *SenseMap
	err  error
}

// New opens the explorer on a checkpoint: its held-out split, or the
// labelled .tsv file dataFlag (as eval --data), gives the examples and the
// senses map; its training split gives the verdicts' centroids.
func New(c *inspect.Checkpoint, dataFlag string) (*Explorer, error) {
	name, eval, train, err := c.EvalData(dataFlag)
	if err != nil {
		return nil, err
	}
	if _, err := c.SenseCentroids(); err != nil { // once, before the first request
		return nil, fmt.Errorf("sense centroids: %w", err)
	}
	examples := data.Labelled(eval, 0)
	picks, err := pickOrder(c, examples)
	if err != nil {
		return nil, err
	}
	e := &Explorer{c: c, dataName: name, examples: examples, picks: picks, train: train, maps: map[string]*mapEntry{}}
	if c.Loaded.Step >= 0 {
		e.runDir = filepath.Dir(c.Loaded.Path) // step-NNNNNN's parent
	}
	return e, nil
}

// pickCandidates bounds the examples of one sense that pickOrder runs
// through the model looking for one the sense head gets right.
const pickCandidates = 8

// pickOrder is the order the page offers the examples in: as in the file,
// but with each sense's first example the sense head gets right (among its
// first pickCandidates) moved to where that sense's first example was. The
// page opens on the first example of each sense, and two sentences the
// model reads the same way would show a newcomer nothing. The maps and
// their scores keep the file's order (eval --json's). Without a sense head
// it is the file's order.
func pickOrder(c *inspect.Checkpoint, examples []data.Sentence) ([]data.Sentence, error) {
	if len(c.Loaded.File.Senses) == 0 {
		return examples, nil
	}
	seen := map[string]int{}
	var cand []int
	for i, s := range examples {
		if seen[s.Label()] < pickCandidates {
			seen[s.Label()]++
			cand = append(cand, i)
		}
	}
	obs, err := c.Observe(pick(examples, cand))
	if err != nil {
		return nil, fmt.Errorf("examples: %w", err)
	}
	right := map[int]bool{}
	for k, i := range cand {
		right[i] = c.Verdict(obs[k], nil).Head == examples[i].Sense
	}
	return rightFirst(examples, right), nil
}

// rightFirst moves, for each sense, its first example marked right to where
// that sense's first example is; everything else keeps its order.
func rightFirst(examples []data.Sentence, right map[int]bool) []data.Sentence {
	first := map[string]int{} // label -> index of its first right example
	for i, s := range examples {
		if _, ok := first[s.Label()]; !ok && right[i] {
			first[s.Label()] = i
		}
	}
	out := make([]data.Sentence, 0, len(examples))
	placed := map[string]bool{}
	for i, s := range examples {
		l := s.Label()
		j, ok := first[l]
		switch {
		case ok && i == j && placed[l]: // already moved up
		case ok && !placed[l]:
			out = append(out, examples[j])
			placed[l] = true
			if i != j {
				out = append(out, s)
			}
		default:
			out = append(out, s)
		}
	}
	return out
}

// Checkpoint is the checkpoint explored.
func (e *Explorer) Checkpoint() *inspect.Checkpoint { return e.c }

// Analyze answers one query: the quick look, the verdicts, the attention of
// every head and the step-by-step view of one head. Mistakes in the query
// (a word no sentence has, a layer the model lacks) are *inspect.UsageError.
func (e *Explorer) Analyze(q Query) (*Analysis, error) {
	cfg := e.c.Config()
	switch {
	case q.Layer < 1 || q.Layer > cfg.Layers:
		return nil, inspect.Usagef("layer %d: the model has layers 1 to %d", q.Layer, cfg.Layers)
	case q.Head < 1 || q.Head > cfg.Heads:
		return nil, inspect.Usagef("head %d: the model has heads 1 to %d", q.Head, cfg.Heads)
	}
	a := &Analysis{Word: q.Word, Layer: q.Layer, Head: q.Head, Skipped: []Skipped{}, Pairs: []Pair{}}
	texts := q.Sentences
	if a.Word == "" {
		w, why, err := e.c.SharedWord(texts)
		if err != nil {
			return nil, err
		}
		a.Word, a.WordNote = w, fmt.Sprintf("following %q, %s (click another token to follow it)", w, why)
	}
	var kept []string
	for _, t := range texts {
		if _, err := e.c.Sentences([]string{t}, a.Word); err != nil {
			if !errors.As(err, new(*inspect.UsageError)) {
				return nil, err
			}
			a.Skipped = append(a.Skipped, Skipped{Text: t, Why: err.Error()})
			continue
		}
		kept = append(kept, t)
	}
	if len(kept) == 0 {
		return nil, inspect.Usagef("no sentence can be read with %q: %s", a.Word, a.Skipped[0].Why)
	}
	look, err := e.c.Quick(a.Word, kept)
	if err != nil {
		return nil, err
	}
	a.Word, a.Reps, a.Notes = look.Word, look.Reps, nonNil(look.Notes)
	for _, p := range look.Pairs {
		a.Pairs = append(a.Pairs, Pair{A: p.A + 1, B: p.B + 1, Cos: p.Cos})
	}
	sm, err := e.SenseMap(a.Word)
	if err != nil {
		return nil, err
	}
	for i, s := range look.Sentences {
		o := look.Obs[i]
		a.Sentences = append(a.Sentences, Sentence{Text: s.Text, Tokens: s.Tokens, Display: e.c.Display(s), Target: s.Pos,
			Unknown: nonNil(look.Unknown[i]), Verdict: look.Verdicts[i], Map: sm.place(o.Target),
			Attention: o.Attention})
	}
	a.Focus = min(max(q.Focus, 1), len(a.Sentences))
	wt, err := e.c.Explain(kept[a.Focus-1], a.Word, q.Layer, q.Head)
	if err != nil {
		return nil, err
	}
	a.Explain = walkthrough(a.Focus, wt)
	return a, nil
}

// explainAll fills a.Explains with every sentence, layer and head: what a
// page written to a file needs, having no server to ask.
func (e *Explorer) explainAll(a *Analysis) error {
	cfg := e.c.Config()
	for i, s := range a.Sentences {
		for l := 1; l <= cfg.Layers; l++ {
			for h := 1; h <= cfg.Heads; h++ {
				wt, err := e.c.Explain(s.Text, a.Word, l, h)
				if err != nil {
					return err
				}
				a.Explains = append(a.Explains, walkthrough(i+1, wt))
			}
		}
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// pick returns sents at idx.
func pick(sents []data.Sentence, idx []int) []data.Sentence {
	out := make([]data.Sentence, len(idx))
	for k, i := range idx {
		out[k] = sents[i]
	}
	return out
}
