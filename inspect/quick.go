package inspect

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/metrics"
)

// QuickLook compares one word across a few sentences.
type QuickLook struct {
	Word      string
	Sentences []data.Sentence // Pos = the word's first occurrence
	Numbers   []int           // each sentence's 1-based place among those given (skipped ones keep theirs)
	Reps      []string        // static, input, layer1..layerN
	Pairs     []QuickPair
	Unknown   [][]string    // per sentence, the words the vocabulary lacks, read as [UNK]
	Obs       []Observation // per sentence, what the forward pass showed (Target in the order of Reps)
	Skipped   []string      // why each sentence without the word was left out
	Verdicts  []Verdict     // per sentence, the sense head's and the nearest centroid's sense
	Notes     []string      // what could not be shown (centroids without the training data)
}

// QuickPair is the cosine between the word's vectors in sentences A and B
// (0-based), one per representation of QuickLook.Reps.
type QuickPair struct {
	A, B int
	Cos  []float64
}

// Quick runs texts through the model and compares the vectors of word (its
// first occurrence in each) between every pair of sentences. A sentence
// without the word is skipped with a note in Skipped; it is an error only
// when no sentence is left.
func (c *Checkpoint) Quick(word string, texts []string) (*QuickLook, error) {
	q := &QuickLook{}
	var lacks *lacksWord
	for i, t := range texts {
		s, err := c.target(t, word)
		if errors.As(err, &lacks) {
			q.Skipped = append(q.Skipped, fmt.Sprintf("sentence %d skipped: %s", i+1, lacks.msg))
			continue
		}
		if err != nil {
			return nil, err
		}
		q.Word = s.Word
		q.Sentences = append(q.Sentences, s)
		q.Numbers = append(q.Numbers, i+1)
	}
	if len(q.Sentences) == 0 {
		return nil, Usagef("no sentence contains %q: %s", word, strings.Join(q.Skipped, "; "))
	}
	for _, s := range q.Sentences {
		q.Unknown = append(q.Unknown, c.unknownIn(s))
	}
	q.Reps = Representations(c.Config().Layers)[:c.Config().Layers+2] // no untrained column: this is about one model
	obs, err := c.Observe(q.Sentences)
	if err != nil {
		return nil, err
	}
	q.Obs = obs
	vec := func(i, rep int) []float64 { return obs[i].Target[rep] }
	if err := c.quickVerdicts(q); err != nil {
		return nil, err
	}
	for a := range q.Sentences {
		for b := a + 1; b < len(q.Sentences); b++ {
			p := QuickPair{A: a, B: b}
			for rep := range q.Reps {
				p.Cos = append(p.Cos, metrics.Cosine(vec(a, rep), vec(b, rep)))
			}
			q.Pairs = append(q.Pairs, p)
		}
	}
	return q, nil
}

// Write prints the comparison with a header that explains the columns.
func (q *QuickLook) Write(w io.Writer) error {
	fmt.Fprintf(w, "Cosine between the vectors of %q in each pair of sentences (1 = same direction, 0 = unrelated):\n", q.Word)
	fmt.Fprintf(w, "  static   the embedding row: one vector for the word everywhere, so 1.000 (unless one\n")
	fmt.Fprintf(w, "           sentence has the plural, which has a row of its own)\n")
	fmt.Fprintf(w, "  input    embedding + position: differs only because the word sits at another position\n")
	fmt.Fprintf(w, "  layerK   output of encoder layer K (the last after the final norm): self-attention has\n")
	fmt.Fprintf(w, "           mixed in the context, so different uses of the word drift apart\n\n")
	for _, note := range q.Skipped {
		fmt.Fprintln(w, "  note: "+note)
	}
	forms := data.Forms(q.Word) // FindTarget's matches: the word and its plural
	for i, s := range q.Sentences {
		found := fmt.Sprintf("%q = token %d", q.Word, s.Pos+1)
		if form := s.Tokens[s.Pos]; form != q.Word {
			found += fmt.Sprintf(", as %q", form)
		}
		n := 0
		for _, t := range s.Tokens {
			if slices.Contains(forms, t) {
				n++
			}
		}
		if n > 1 {
			found += fmt.Sprintf(", the first of %d", n)
		}
		fmt.Fprintf(w, "  [%d] %s   (%s)\n", q.Numbers[i], strings.Join(s.Tokens, " "), found)
		if note := unknownNote(q.Unknown[i]); note != "" {
			fmt.Fprintln(w, "      "+note)
		}
		if v := q.verdict(i); v != "" {
			fmt.Fprintln(w, "      "+v)
		}
	}
	for _, note := range q.Notes {
		fmt.Fprintln(w, "  note: "+note)
	}
	if len(q.Pairs) == 0 {
		fmt.Fprintln(w, "\none sentence: nothing to compare; give two or more")
		return nil
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "pair\t%s\t\n", strings.Join(q.Reps, "\t"))
	for _, p := range q.Pairs {
		fmt.Fprintf(tw, "%d-%d", q.Numbers[p.A], q.Numbers[p.B])
		for _, c := range p.Cos {
			fmt.Fprintf(tw, "\t%.3f", c)
		}
		fmt.Fprintln(tw, "\t")
	}
	return tw.Flush()
}

// verdict is sentence i's line of sense verdicts, "" when there is none.
func (q *QuickLook) verdict(i int) string {
	if i >= len(q.Verdicts) {
		return ""
	}
	v := q.Verdicts[i]
	var parts []string
	if v.Head != "" {
		parts = append(parts, fmt.Sprintf("sense head: %s (p %.2f)", v.Head, v.HeadProb))
	}
	switch {
	case v.Only:
		parts = append(parts, fmt.Sprintf("nearest centroid: %s (its only sense: nothing to tell apart)", v.Nearest))
	case v.Nearest != "":
		parts = append(parts, fmt.Sprintf("nearest centroid: %s (cosine margin %.3f)", v.Nearest, v.Margin))
	}
	return strings.Join(parts, "   ")
}

// SharedWord picks the word to follow when the quick look is given
// sentences without --word, and says why: a word the model has senses for
// (the one in the most sentences; the others are skipped), else the rarest
// word in the model's vocabulary that every sentence has ("bank" before
// "the"). A word matches its plural, as --word does.
func (c *Checkpoint) SharedWord(texts []string) (word, why string, err error) {
	sents := make([][]string, len(texts))
	var cands []string
	for i, t := range texts {
		if _, err := c.sentence(t); err != nil {
			return "", "", err
		}
		words := data.Tokenize(t) // words, not WordPiece's pieces
		sents[i] = words
		for _, tok := range words {
			if c.knows(tok) {
				cands = append(cands, c.forms(tok)[0])
			}
		}
	}
	cands = slices.Compact(slices.Sorted(slices.Values(cands)))
	in := func(w string) int { // sentences that have w
		n := 0
		for _, toks := range sents {
			if data.FindTarget(toks, w) >= 0 {
				n++
			}
		}
		return n
	}
	var labelled []string
	most := 0
	for _, w := range cands {
		if !c.hasSenses(w) {
			continue
		}
		switch n := in(w); {
		case n > most:
			labelled, most = []string{w}, n
		case n == most:
			labelled = append(labelled, w)
		}
	}
	switch {
	case len(labelled) == 1:
		return labelled[0], "a word the model has senses for", nil
	case len(labelled) > 1:
		return "", "", Usagef("say which word to follow with --word (the model has senses for: %s)", strings.Join(labelled, ", "))
	}
	shared := slices.DeleteFunc(cands, func(w string) bool { return in(w) < len(sents) })
	if len(shared) == 0 {
		return "", "", Usagef("the sentences share no word the model knows; say which word to follow with --word")
	}
	rarest := slices.MaxFunc(shared, func(a, b string) int { return c.formID(a) - c.formID(b) })
	return rarest, "the rarest word the sentences share", nil
}

// forms are word's data.Forms, singular first, where word may be the plural
// of a word the checkpoint has senses for.
func (c *Checkpoint) forms(word string) []string {
	var words []string
	for _, l := range c.Loaded.File.Senses {
		lw, _ := data.SplitLabel(l)
		words = append(words, lw)
	}
	return data.FormsAmong(word, words)
}

// hasSenses reports whether the checkpoint's sense labels name word.
func (c *Checkpoint) hasSenses(word string) bool {
	for _, l := range c.Loaded.File.Senses {
		if lw, _ := data.SplitLabel(l); lw == word {
			return true
		}
	}
	return false
}

// formID is the vocabulary id of word's first known form: the vocabulary
// lists words by training count, most frequent first, so a higher id is a
// rarer word.
func (c *Checkpoint) formID(word string) int {
	for _, f := range data.Forms(word) {
		if c.knows(f) {
			return c.firstID(f)
		}
	}
	return data.UnkID
}
