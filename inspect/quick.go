package inspect

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/eval"
)

// QuickLook compares one word across a few sentences.
type QuickLook struct {
	Word      string
	Sentences []data.Sentence // Pos = the word's first occurrence
	Reps      []string        // static, input, layer1..layerN
	Pairs     []QuickPair
	Unknown   [][]string    // per sentence, the words the vocabulary lacks, read as [UNK]
	Obs       []Observation // per sentence, what the forward pass showed (Target in the order of Reps)
}

// QuickPair is the cosine between the word's vectors in sentences A and B
// (0-based), one per representation of QuickLook.Reps.
type QuickPair struct {
	A, B int
	Cos  []float64
}

// Quick runs texts through the model and compares the vectors of word (its
// first occurrence in each) between every pair of sentences.
func (c *Checkpoint) Quick(word string, texts []string) (*QuickLook, error) {
	q := &QuickLook{}
	for _, t := range texts {
		s, err := c.target(t, word)
		if err != nil {
			return nil, err
		}
		q.Word = s.Word
		q.Sentences = append(q.Sentences, s)
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
	for a := range q.Sentences {
		for b := a + 1; b < len(q.Sentences); b++ {
			p := QuickPair{A: a, B: b}
			for rep := range q.Reps {
				p.Cos = append(p.Cos, eval.Cosine(vec(a, rep), vec(b, rep)))
			}
			q.Pairs = append(q.Pairs, p)
		}
	}
	return q, nil
}

// Write prints the comparison with a header that explains the columns.
func (q *QuickLook) Write(w io.Writer) error {
	fmt.Fprintf(w, "Cosine between the vectors of %q in each pair of sentences (1 = same direction, 0 = unrelated):\n", q.Word)
	fmt.Fprintf(w, "  static   the embedding row: one vector for the word everywhere, so always 1.000\n")
	fmt.Fprintf(w, "  input    embedding + position: differs only because the word sits at another position\n")
	fmt.Fprintf(w, "  layerK   output of encoder layer K (the last after the final norm): self-attention has\n")
	fmt.Fprintf(w, "           mixed in the context, so different uses of the word drift apart\n\n")
	for i, s := range q.Sentences {
		fmt.Fprintf(w, "  [%d] %s   (%q = token %d)\n", i+1, strings.Join(s.Tokens, " "), q.Word, s.Pos+1)
		if note := unknownNote(q.Unknown[i]); note != "" {
			fmt.Fprintln(w, "      "+note)
		}
	}
	if len(q.Pairs) == 0 {
		fmt.Fprintln(w, "\none sentence: nothing to compare; give two or more")
		return nil
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "pair\t%s\t\n", strings.Join(q.Reps, "\t"))
	for _, p := range q.Pairs {
		fmt.Fprintf(tw, "%d-%d", p.A+1, p.B+1)
		for _, c := range p.Cos {
			fmt.Fprintf(tw, "\t%.3f", c)
		}
		fmt.Fprintln(tw, "\t")
	}
	return tw.Flush()
}

// SharedWord picks the word to follow when the quick look is given sentences
// without --word: the one word they all contain, preferring the words the
// checkpoint's sense labels name (its ambiguous words).
func (c *Checkpoint) SharedWord(texts []string) (string, error) {
	var shared []string
	for i, t := range texts {
		s, err := c.sentence(t)
		if err != nil {
			return "", err
		}
		if i == 0 {
			shared = slices.Compact(slices.Sorted(slices.Values(s.Tokens)))
			continue
		}
		shared = slices.DeleteFunc(shared, func(w string) bool { return !slices.Contains(s.Tokens, w) })
	}
	shared = slices.DeleteFunc(shared, func(w string) bool { return !c.Vocab.Has(w) })
	var labelled []string
	for _, w := range shared {
		for _, l := range c.Loaded.File.Senses {
			if lw, _ := data.SplitLabel(l); lw == w {
				labelled = append(labelled, w)
				break
			}
		}
	}
	switch {
	case len(labelled) == 1:
		return labelled[0], nil
	case len(shared) == 1:
		return shared[0], nil
	case len(shared) == 0:
		return "", Usagef("the sentences share no word the model knows; say which word to follow with --word")
	}
	return "", Usagef("say which word to follow with --word (the sentences share: %s)", strings.Join(shared, ", "))
}
