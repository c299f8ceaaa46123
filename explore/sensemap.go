package explore

import (
	"fmt"
	"slices"
	"strings"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/inspect"
	"github.com/attendlab/attend/metrics"
)

// SenseMap is a word's labelled occurrences in the explorer's data, on the
// first two principal components of each representation, with the report's
// scores for the same occurrences (the numbers eval --json prints).
type SenseMap struct {
	Word    string           `json:"word"`
	Data    string           `json:"data"`
	Reps    []string         `json:"reps"`   // static, input, layer1..layerN
	Senses  []string         `json:"senses"` // sense id = index
	Points  []MapPoint       `json:"points"`
	Frac    [][2]float64     `json:"frac"`    // per rep, the share of variance on each axis
	Scores  []inspect.Result `json:"scores"`  // the report's rows for the word, one per rep (and untrained)
	Message string           `json:"message"` // why there is no map, when there is none
	planes  []*metrics.Plane
}

// MapPoint is one occurrence: its sentence, sense and place per rep.
type MapPoint struct {
	Text  string       `json:"text"`
	Sense int          `json:"sense"`
	XY    [][2]float64 `json:"xy"` // per rep
}

// mapWord reads /api/map's word= as analyze reads word=: one word,
// lower-cased, a plural mapped to the singular the examples label ("Banks"
// maps bank).
func (e *Explorer) mapWord(raw string) (string, error) {
	toks := data.Tokenize(raw)
	switch {
	case strings.TrimSpace(raw) == "":
		return "", inspect.Usagef("say which word to map with word=W")
	case len(toks) != 1:
		return "", inspect.Usagef("word=%q: the map is of one word", raw)
	}
	var words []string
	for _, s := range e.examples {
		if !slices.Contains(words, s.Word) {
			words = append(words, s.Word)
		}
	}
	return data.FormsAmong(toks[0], words)[0], nil
}

// SenseMap returns word's map, computed once per word of the examples. A
// word without examples gets a map that says so, not kept: requests could
// name words without end.
func (e *Explorer) SenseMap(word string) (*SenseMap, error) {
	if !slices.ContainsFunc(e.examples, func(s data.Sentence) bool { return s.Word == word }) {
		return e.buildMap(word)
	}
	e.mu.Lock()
	ent, ok := e.maps[word]
	if !ok {
		ent = &mapEntry{}
		e.maps[word] = ent
	}
	e.mu.Unlock()
	ent.once.Do(func() { ent.m, ent.err = e.buildMap(word) })
	return ent.m, ent.err
}

func (e *Explorer) buildMap(word string) (*SenseMap, error) {
	sm := &SenseMap{Word: word, Data: e.dataName, Reps: inspect.Representations(e.c.Config().Layers), Points: []MapPoint{}}
	sm.Reps = sm.Reps[:len(sm.Reps)-1] // no untrained: the map is of the trained model
	var sents []int
	ids := map[string]int{}
	for i, s := range e.examples {
		if s.Word != word {
			continue
		}
		if _, ok := ids[s.Sense]; !ok {
			ids[s.Sense] = len(sm.Senses)
			sm.Senses = append(sm.Senses, s.Sense)
		}
		sents = append(sents, i)
	}
	if len(sents) < 2 {
		sm.Message = fmt.Sprintf("%s has no labelled sentences of %q to map: start the explorer with --data FILE.tsv (word<TAB>sense<TAB>sentence) to map them", e.dataName, word)
		return sm, nil
	}
	obs, err := e.c.Observe(pick(e.examples, sents))
	if err != nil {
		return nil, err
	}
	for ri := range sm.Reps {
		vecs := make([][]float64, len(obs))
		for k, o := range obs {
			vecs[k] = o.Target[ri]
		}
		p, err := metrics.FitPlane(vecs)
		if err != nil {
			return nil, fmt.Errorf("senses map of %q, %s: %w", word, sm.Reps[ri], err)
		}
		sm.planes = append(sm.planes, p)
		sm.Frac = append(sm.Frac, p.Frac)
	}
	for k, o := range obs {
		s := e.examples[sents[k]]
		sm.Points = append(sm.Points, MapPoint{Text: s.Text, Sense: ids[s.Sense], XY: sm.place(o.Target)})
	}
	r, err := e.c.BuildReport(inspect.ReportOptions{DataName: e.dataName, Eval: pick(e.examples, sents), Train: e.train, Word: word})
	if err != nil {
		sm.Message = "no scores: " + err.Error()
		return sm, nil
	}
	sm.Scores = r.Results
	return sm, nil
}

// place puts one occurrence's vectors (one per rep) on the map; nil
// without a map.
func (sm *SenseMap) place(target [][]float64) [][2]float64 {
	if len(sm.planes) == 0 {
		return nil
	}
	out := make([][2]float64, len(sm.planes))
	for ri, p := range sm.planes {
		out[ri] = p.Project(target[ri])
	}
	return out
}
