package main

import (
	"fmt"
	"slices"
	"strings"
)

// labels are the classes, by index.
var labels = []string{"negative", "positive"}

// sentence is one labelled line of the TSV.
type sentence struct {
	text  string
	label int
}

// parse reads split<TAB>label<TAB>sentence lines ('#' starts a comment).
func parse(tsv string) (train, test []sentence, err error) {
	for n, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, nil, fmt.Errorf("reviews.tsv:%d: %d fields, want split<TAB>label<TAB>sentence", n+1, len(f))
		}
		l := slices.Index(labels, f[1])
		if l < 0 {
			return nil, nil, fmt.Errorf("reviews.tsv:%d: label %q, want one of %v", n+1, f[1], labels)
		}
		s := sentence{text: f[2], label: l}
		switch f[0] {
		case "train":
			train = append(train, s)
		case "test":
			test = append(test, s)
		default:
			return nil, nil, fmt.Errorf("reviews.tsv:%d: split %q, want train or test", n+1, f[0])
		}
	}
	if len(train) == 0 || len(test) == 0 {
		return nil, nil, fmt.Errorf("reviews.tsv: %d training and %d test sentences, want some of each", len(train), len(test))
	}
	return train, test, nil
}

// Token ids every vocabulary starts with.
const (
	padID = iota // fills a sentence up to the batch's length; never attended to
	clsID        // opens every sentence; its final vector is the sentence's
	unkID        // a word the training split lacks
)

// vocab numbers the words of the training split.
type vocab struct{ ids map[string]int }

func newVocab(train []sentence) vocab {
	v := vocab{ids: map[string]int{"[PAD]": padID, "[CLS]": clsID, "[UNK]": unkID}}
	for _, s := range train {
		for _, w := range strings.Fields(s.text) {
			if _, ok := v.ids[w]; !ok {
				v.ids[w] = len(v.ids)
			}
		}
	}
	return v
}

// example is a sentence as token ids: [CLS] then its words.
type example struct {
	ids   []int
	label int
}

func (v vocab) encode(ss []sentence) []example {
	out := make([]example, len(ss))
	for i, s := range ss {
		ids := []int{clsID}
		for _, w := range strings.Fields(s.text) {
			id, ok := v.ids[w]
			if !ok {
				id = unkID
			}
			ids = append(ids, id)
		}
		out[i] = example{ids: ids, label: s.label}
	}
	return out
}

// maxLen is the most tokens of a sentence, [CLS] included.
func maxLen(splits ...[]sentence) int {
	n := 0
	for _, ss := range splits {
		for _, s := range ss {
			n = max(n, 1+len(strings.Fields(s.text)))
		}
	}
	return n
}
