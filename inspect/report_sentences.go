package inspect

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"github.com/attendlab/attend/data"
)

// SentenceResult is one evaluated sentence: what the model could not read
// in it and whether its final-layer vector lies nearer its own sense's
// centroid than the other's.
type SentenceResult struct {
	Word    string   `json:"word"`
	Sense   string   `json:"sense"`
	Text    string   `json:"text"`
	Unknown []string `json:"unknown"` // tokens the vocabulary lacks, in order (read as [UNK])
	// CentroidCorrect is the final layer's nearest-centroid verdict; null
	// when the word was not scored or has no centroid for this sense.
	CentroidCorrect *bool `json:"centroid_correct"`

	marked string // tokens with unknown ones as [UNK:word]
}

// countUnknown fills the report's token counts and one SentenceResult per
// labelled sentence of eval; with word set, of the sentences of that word only.
func (c *Checkpoint) countUnknown(r *Report, eval []data.Sentence, word string) {
	r.Sentences = []SentenceResult{}
	for _, s := range eval {
		if !counted(s, word) {
			continue
		}
		r.nEval++
		unk := c.unknownIn(s)
		r.Tokens += len(s.Tokens)
		r.UnknownTokens += len(unk)
		if s.Label() != "" {
			r.Sentences = append(r.Sentences, SentenceResult{Word: s.Word, Sense: s.Sense, Text: s.Text,
				Unknown: append([]string{}, unk...), marked: c.marked(s)})
		}
	}
	r.UnknownRate = Num(math.NaN())
	if r.Tokens > 0 {
		r.UnknownRate = Num(float64(r.UnknownTokens) / float64(r.Tokens))
	}
}

// counted reports whether s counts in a report on word ("" = every word).
func counted(s data.Sentence, word string) bool { return word == "" || s.Word == word }

// setVerdicts records, for the sentences of the scored words, the final
// layer's nearest-centroid verdict (correct[i] for occurrence i of w).
func (r *Report) setVerdicts(w *wordData, correct []float64, eval []data.Sentence, word string) {
	index := make(map[int]int) // Eval index -> Sentences index
	k := 0
	for i, s := range eval {
		if s.Label() != "" && counted(s, word) {
			index[i] = k
			k++
		}
	}
	for occ, i := range w.sents {
		ok := correct[occ] == 1
		r.Sentences[index[i]].CentroidCorrect = &ok
	}
}

// writeSentences lists the sentences worth a look: those the final layer
// puts nearer the wrong centroid, and those with words the model cannot read.
func (r *Report) writeSentences(w io.Writer) error {
	var rows []SentenceResult
	for _, s := range r.Sentences {
		if len(s.Unknown) > 0 || s.CentroidCorrect != nil && !*s.CentroidCorrect {
			rows = append(rows, s)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	final := r.reps[len(r.reps)-2]
	fmt.Fprintf(w, "\nsentences nearer the wrong sense's centroid in %s (wrong), or with words not in the\nvocabulary, shown as [UNK:word] (ok = right sense; - = not scored):\n", final)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, s := range rows {
		verdict := "-"
		if s.CentroidCorrect != nil {
			verdict = map[bool]string{true: "ok", false: "wrong"}[*s.CentroidCorrect]
		}
		fmt.Fprintf(tw, "  %s\t%s:%s\t%s\n", verdict, s.Word, s.Sense, s.marked)
	}
	return tw.Flush()
}

// unknownLine is the report header's line on unreadable words.
func (r *Report) unknownLine() string {
	if r.Tokens == 0 {
		return "no tokens"
	}
	return fmt.Sprintf("%d tokens, %d of them (%.1f%%) not in the vocabulary and read as %s",
		r.Tokens, r.UnknownTokens, 100*float64(r.UnknownRate), data.UnkToken)
}
