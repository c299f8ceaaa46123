package data

import (
	"sort"
	"strings"
)

// Sentence is one tokenised sentence, optionally labelled with a target word
// and its sense.
type Sentence struct {
	Text   string   // the sentence as text (tokens joined by spaces for generated ones)
	Tokens []string // Tokenize(Text); a hidden word's [MASK] (Hidden) is kept whole
	Word   string   // target word ("" when unlabelled)
	Pos    int      // index of the target in Tokens (-1 when unlabelled)
	Sense  string   // sense name, e.g. "river" ("" when unlabelled)
}

// Label returns the class name "word:sense", or "" when s is unlabelled.
// Labels rather than bare senses are the classes because two words may
// share a sense name (bat and mouse both have "animal").
func (s Sentence) Label() string {
	if s.Word == "" || s.Sense == "" {
		return ""
	}
	return s.Word + ":" + s.Sense
}

// Hidden reports whether s's target is a hidden word, MaskToken: the
// built-in corpus's WordNet sentences, labelled by the hidden noun's kind
// ("[MASK]:animal"). They train the encoder to read a word's kind from its
// context; they are no word of the model's to show or to probe.
func (s Sentence) Hidden() bool { return HiddenWord(s.Word) }

// HiddenWord reports whether a label's word (SplitLabel) is the hidden word.
func HiddenWord(word string) bool { return word == MaskToken }

// SplitLabel splits a sense label "bank:river" into the word and the sense.
func SplitLabel(label string) (word, sense string) {
	if i := strings.LastIndexByte(label, ':'); i >= 0 {
		return label[:i], label[i+1:]
	}
	return label, ""
}

// SenseLabels returns the sorted distinct non-empty labels of sentences.
// A label's position in the result is its class index, so computing it from
// the training split and saving it keeps indices stable across runs.
func SenseLabels(sentences []Sentence) []string {
	seen := make(map[string]bool)
	var out []string
	for _, s := range sentences {
		if l := s.Label(); l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}
