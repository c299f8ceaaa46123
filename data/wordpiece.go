package data

import (
	"strings"
	"sync"
)

// ContinuationPrefix marks a WordPiece piece that continues a word ("##s" in
// bank ##s), as BERT writes it.
const ContinuationPrefix = "##"

// MaxWordRunes is the longest word WordPiece splits; a longer one is read as
// [UNK] whole, as BERT's max_input_chars_per_word (the same value) does. It
// bounds the quadratic longest-match search.
const MaxWordRunes = 100

// Tokenizer turns the words of a sentence (Tokenize's) into the tokens a
// model reads. The zero value keeps every word whole (data.tokenizer word);
// NewWordPiece splits words into pieces of a WordPiece vocabulary. It is
// safe for concurrent use (the explorer serves requests in parallel).
type Tokenizer struct {
	vocab *Vocab // nil: words stay whole
	mu    sync.Mutex
	cache map[string][]string // a word's pieces: corpora repeat words
}

// NewWordPiece is the WordPiece tokenizer of vocab, whose words are pieces:
// a piece that starts a word as it is, one that continues it after "##".
func NewWordPiece(vocab *Vocab) *Tokenizer {
	return &Tokenizer{vocab: vocab, cache: map[string][]string{}}
}

// Pieces splits word as BERT's WordPiece does: repeatedly the longest prefix
// of the rest that the vocabulary holds (with "##" after the first piece).
// A word with no such split, or longer than MaxWordRunes, comes back whole:
// it is not in the vocabulary, so the model reads it as [UNK]. With the zero
// Tokenizer every word comes back whole. The slice is shared: do not modify it.
func (t *Tokenizer) Pieces(word string) []string {
	if t == nil || t.vocab == nil {
		return []string{word}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if p, ok := t.cache[word]; ok {
		return p
	}
	p := t.split(word)
	t.cache[word] = p
	return p
}

func (t *Tokenizer) split(word string) []string {
	runes := []rune(word)
	if len(runes) > MaxWordRunes || len(runes) == 0 {
		return []string{word}
	}
	var out []string
	for start := 0; start < len(runes); {
		end := len(runes)
		for ; end > start; end-- {
			piece := string(runes[start:end])
			if start > 0 {
				piece = ContinuationPrefix + piece
			}
			if t.vocab.Has(piece) {
				out = append(out, piece)
				break
			}
		}
		if end == start {
			return []string{word}
		}
		start = end
	}
	return out
}

// Sentence returns s with its words replaced by their tokens; a target moves
// to its word's first piece (the piece whose vector stands for the word).
func (t *Tokenizer) Sentence(s Sentence) Sentence {
	if t == nil || t.vocab == nil {
		return s
	}
	toks := make([]string, 0, len(s.Tokens))
	pos := -1
	for i, w := range s.Tokens {
		if i == s.Pos {
			pos = len(toks)
		}
		toks = append(toks, t.Pieces(w)...)
	}
	s.Tokens, s.Pos = toks, pos
	return s
}

// Sentences applies Sentence to each of sents, in place.
func (t *Tokenizer) Sentences(sents []Sentence) {
	for i := range sents {
		sents[i] = t.Sentence(sents[i])
	}
}

// WordSpan is the number of tokens, from pos on, that belong to the word
// starting at pos: 1 plus the "##" pieces that follow it. Tokenize never
// writes '#', so only a continuation piece starts with the prefix.
func WordSpan(tokens []string, pos int) int {
	n := 1
	for pos+n < len(tokens) && strings.HasPrefix(tokens[pos+n], ContinuationPrefix) {
		n++
	}
	return n
}
