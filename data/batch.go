package data

import (
	"fmt"

	"github.com/attendlab/attend/model"
)

// IgnoreLabel and Batch are the model's: data fills what model.Run reads.
const IgnoreLabel = model.IgnoreLabel

// Batch is model.Batch, which data's batcher fills.
type Batch = model.Batch

// newBatch returns a batch whose every row is padding.
func newBatch(b, t int) Batch {
	bt := Batch{
		B: b, T: t,
		IDs:    make([]int, b*t),
		Labels: make([]int, b*t),
		Pad:    make([]bool, b*t),
		Target: make([]int, b),
		Sense:  make([]int, b),
		Index:  make([]int, b),
	}
	for i := range bt.IDs {
		bt.IDs[i] = PadID
		bt.Labels[i] = IgnoreLabel
		bt.Pad[i] = true
	}
	for r := 0; r < b; r++ {
		bt.Target[r], bt.Sense[r], bt.Index[r] = -1, -1, -1
	}
	return bt
}

// setRow copies example e (dataset index idx) into row r, unmasked.
func setRow(bt *Batch, r, idx int, e example) {
	off := r * bt.T
	for j, id := range e.ids {
		bt.IDs[off+j] = id
		bt.Pad[off+j] = false
	}
	bt.Target[r], bt.Sense[r], bt.Index[r] = e.target, e.sense, idx
}

// example is one sentence encoded for batching.
type example struct {
	ids    []int
	target int // token position, -1 when unlabelled
	sense  int // class index, -1 when unlabelled or unknown
}

// prepare validates and encodes a dataset. A sentence longer than maxLen is
// an error rather than being truncated or split: cutting it could drop the
// target word or the context that decides its sense, so the caller must
// choose a larger maxLen or shorten the data.
func prepare(sents []Sentence, v *Vocab, senseLabels []string, batch, maxLen int) ([]example, error) {
	switch {
	case len(sents) == 0:
		return nil, fmt.Errorf("empty dataset")
	case v == nil:
		return nil, fmt.Errorf("nil vocabulary")
	case batch <= 0:
		return nil, fmt.Errorf("batch size %d, want > 0", batch)
	case maxLen <= 0:
		return nil, fmt.Errorf("maxLen %d, want > 0", maxLen)
	}
	classes := make(map[string]int, len(senseLabels))
	for i, l := range senseLabels {
		if _, dup := classes[l]; dup {
			return nil, fmt.Errorf("duplicate sense label %q", l)
		}
		classes[l] = i
	}
	out := make([]example, len(sents))
	for i, s := range sents {
		switch {
		case len(s.Tokens) == 0:
			return nil, fmt.Errorf("sentence %d (%q) has no tokens", i, Shorten(s.Text))
		case len(s.Tokens) > maxLen:
			return nil, fmt.Errorf("sentence %d (%q) has %d tokens, more than maxLen %d (sentences are not split)",
				i, Shorten(s.Text), len(s.Tokens), maxLen)
		case s.Pos < -1 || s.Pos >= len(s.Tokens):
			return nil, fmt.Errorf("sentence %d (%q): target position %d out of range", i, Shorten(s.Text), s.Pos)
		}
		e := example{ids: v.Encode(s.Tokens), target: s.Pos, sense: -1}
		if c, ok := classes[s.Label()]; ok && s.Label() != "" {
			e.sense = c
		}
		out[i] = e
	}
	return out, nil
}

// Shorten cuts a sentence to at most 60 characters ("..." included) for an
// error message.
func Shorten(s string) string {
	const most = 60
	if r := []rune(s); len(r) > most {
		return string(r[:most-3]) + "..."
	}
	return s
}

// Encode returns the whole dataset as sequential, unmasked batches in
// dataset order, for evaluation and for extracting contextual vectors.
// Labels are all IgnoreLabel. The last batch is filled up with
// padding-only rows (Index -1, Target -1, Sense -1) so every batch has the
// same shape.
func Encode(sents []Sentence, v *Vocab, senseLabels []string, batch, maxLen int) ([]Batch, error) {
	ex, err := prepare(sents, v, senseLabels, batch, maxLen)
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	var out []Batch
	for start := 0; start < len(ex); start += batch {
		bt := newBatch(batch, maxLen)
		for r := 0; r < batch && start+r < len(ex); r++ {
			setRow(&bt, r, start+r, ex[start+r])
		}
		out = append(out, bt)
	}
	return out, nil
}
