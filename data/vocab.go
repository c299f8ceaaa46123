package data

import (
	"fmt"
	"sort"
)

// Special token ids. They are fixed so that models, masks and checkpoints can
// rely on them without consulting a vocabulary file.
const (
	PadID  = 0 // padding; never a prediction target
	UnkID  = 1 // any word the vocabulary does not know
	MaskID = 2 // replaces tokens chosen for the masked-language-model loss
)

// Special token strings, at ids PadID, UnkID and MaskID. The brackets make
// them impossible to produce with Tokenize, so they never collide with words.
const (
	PadToken  = "[PAD]"
	UnkToken  = "[UNK]"
	MaskToken = "[MASK]"
)

// numSpecial is the number of reserved ids at the start of every vocabulary;
// ordinary words start at this id.
const numSpecial = 3

// Vocab maps words to dense integer ids and back. The first numSpecial ids
// are always the special tokens.
type Vocab struct {
	words []string
	ids   map[string]int
}

// BuildVocab counts the words of sentences and keeps those seen at least
// minCount times (values below 1 mean 1). Words are ordered by count
// descending, then alphabetically, so the same corpus always yields the same
// ids. Empty strings and the special token strings are ignored.
func BuildVocab(sentences [][]string, minCount int) *Vocab {
	if minCount < 1 {
		minCount = 1
	}
	counts := make(map[string]int)
	for _, s := range sentences {
		for _, w := range s {
			if w == "" || isSpecial(w) {
				continue
			}
			counts[w]++
		}
	}
	kept := make([]string, 0, len(counts))
	for w, c := range counts {
		if c >= minCount {
			kept = append(kept, w)
		}
	}
	sort.Slice(kept, func(i, j int) bool {
		ci, cj := counts[kept[i]], counts[kept[j]]
		if ci != cj {
			return ci > cj
		}
		return kept[i] < kept[j]
	})
	v := &Vocab{ids: make(map[string]int, len(kept)+numSpecial)}
	for _, w := range append([]string{PadToken, UnkToken, MaskToken}, kept...) {
		v.ids[w] = len(v.words)
		v.words = append(v.words, w)
	}
	return v
}

// NewVocab rebuilds a vocabulary from a saved word list (index = id), such
// as the output of Words. It refuses lists that would silently shift ids:
// the specials must come first and in order, and words must be non-empty
// and unique.
func NewVocab(words []string) (*Vocab, error) {
	specials := []string{PadToken, UnkToken, MaskToken}
	if len(words) < numSpecial {
		return nil, fmt.Errorf("vocab: %d words, need at least the %d specials", len(words), numSpecial)
	}
	for i, s := range specials {
		if words[i] != s {
			return nil, fmt.Errorf("vocab: id %d is %q, want special %q", i, words[i], s)
		}
	}
	v := &Vocab{words: make([]string, len(words)), ids: make(map[string]int, len(words))}
	for i, w := range words {
		if w == "" {
			return nil, fmt.Errorf("vocab: id %d is an empty word", i)
		}
		if j, dup := v.ids[w]; dup {
			return nil, fmt.Errorf("vocab: id %d: duplicate word %q (also id %d)", i, w, j)
		}
		v.ids[w] = i
		v.words[i] = w
	}
	return v, nil
}

func isSpecial(w string) bool {
	return w == PadToken || w == UnkToken || w == MaskToken
}

// Len is the number of ids, specials included; it is the embedding and
// output-layer size.
func (v *Vocab) Len() int { return len(v.words) }

// ID returns the id of word, or UnkID when the vocabulary lacks it.
func (v *Vocab) ID(word string) int {
	if id, ok := v.ids[word]; ok {
		return id
	}
	return UnkID
}

// Word returns the word with the given id, or UnkToken for an id out of
// range, so decoding a model's output never fails.
func (v *Vocab) Word(id int) string {
	if id < 0 || id >= len(v.words) {
		return UnkToken
	}
	return v.words[id]
}

// Has reports whether word has its own id.
func (v *Vocab) Has(word string) bool {
	_, ok := v.ids[word]
	return ok
}

// Words returns a copy of the word list, index = id; NewVocab(v.Words())
// reproduces v.
func (v *Vocab) Words() []string {
	return append([]string(nil), v.words...)
}

// Encode maps tokens to ids, unknown words to UnkID.
func (v *Vocab) Encode(tokens []string) []int {
	ids := make([]int, len(tokens))
	for i, t := range tokens {
		ids[i] = v.ID(t)
	}
	return ids
}

// Extend returns v followed by the words of sentences it lacks that occur at
// least minCount times, ordered as BuildVocab orders them, and those words:
// the ids v gave keep their meaning, so a saved model's rows still fit.
func (v *Vocab) Extend(sentences [][]string, minCount int) (*Vocab, []string) {
	var added []string
	for _, w := range BuildVocab(sentences, minCount).words[numSpecial:] {
		if !v.Has(w) {
			added = append(added, w)
		}
	}
	out := &Vocab{words: append(v.Words(), added...), ids: make(map[string]int, len(v.words)+len(added))}
	for i, w := range out.words {
		out.ids[w] = i
	}
	return out, added
}
