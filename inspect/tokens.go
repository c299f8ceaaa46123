package inspect

import "github.com/attendlab/attend/data"

// Tokens is one sentence as the model reads it, ready to display: a browser
// shows Text and marks Target, and needs no tokenizer of its own.
type Tokens struct {
	// Text is each token as the vocabulary spells it: a word, or with
	// data.tokenizer wordpiece a piece ("bank", "##s"); a word the model
	// reads as [UNK] is given as written (its id is data.UnkID).
	Text []string `json:"tokens"`
	IDs  []int    `json:"ids"`
	// Target is the index of the target word's first piece, whose vector
	// stands for the word, and Span the number of its pieces (1 for a whole
	// word); Target is -1 and Span 0 when no word was asked for.
	Target int `json:"target"`
	Span   int `json:"span"`
}

// TokensOf tokenises text as the checkpoint's model reads it; with word set,
// its first occurrence (as a whole word, not inside another) is the target.
// The errors are those of the command line: no words, word absent or not in
// the vocabulary, more tokens than max_len.
func (c *Checkpoint) TokensOf(text, word string) (Tokens, error) {
	s, err := c.sentence(text)
	if err == nil && word != "" {
		s, err = c.target(text, word)
	}
	if err != nil {
		return Tokens{}, err
	}
	out := Tokens{Text: s.Tokens, IDs: c.Vocab.Encode(s.Tokens), Target: s.Pos}
	if s.Pos >= 0 {
		out.Span = data.WordSpan(s.Tokens, s.Pos)
	}
	return out, nil
}
