package inspect

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/attendlab/attend/data"
)

// dumpLine is one sentence of --dump-embeddings. Values are float32, the
// precision the model computes in; encoding/json writes each with the
// fewest digits that read back to the same float32.
type dumpLine struct {
	Sentence string        `json:"sentence"`
	Tokens   []string      `json:"tokens"`
	IDs      []int         `json:"ids"`
	Static   [][]float32   `json:"static"`             // [token][d_model]: each token's embedding row
	Layers   [][][]float32 `json:"layers"`             // [0] embedding + position, [i] output of layer i; [layer][token][d_model]
	Word     string        `json:"word,omitempty"`     // the target word of a labelled sentence or of --word (with --word, the one token dumped)
	Position *int          `json:"position,omitempty"` // the target's index in the sentence, 0-based
	Sense    string        `json:"sense,omitempty"`    // a labelled sentence's sense of the target ("river")
}

// WriteDump creates path and writes Dump of sents into it.
func (c *Checkpoint) WriteDump(path string, sents []data.Sentence, onlyWord bool) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--dump-embeddings: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write %s: %w", path, cerr)
		}
	}()
	if err := c.Dump(f, sents, onlyWord); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Dump writes one JSON object per sentence (JSON lines) with every real
// token's vector in every layer; padding is left out. With onlyWord, only
// each sentence's target word (Pos) is written, with its position.
func (c *Checkpoint) Dump(w io.Writer, sents []data.Sentence, onlyWord bool) error {
	if err := c.fitAll(sents); err != nil {
		return err
	}
	m, release, err := c.trained(min(max(len(sents), 1), batchSize), longest(sents))
	if err != nil {
		return err
	}
	defer release()
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	err = forward(m, c.Vocab, sents, func(i, row int) error {
		s := sents[i]
		toks := make([]int, len(s.Tokens)) // the positions dumped
		for t := range toks {
			toks[t] = t
		}
		line := dumpLine{Sentence: s.Text, Tokens: s.Tokens}
		if s.Pos >= 0 {
			line.Word, line.Position, line.Sense = s.Word, &s.Pos, s.Sense
		}
		if onlyWord && s.Pos >= 0 {
			toks = []int{s.Pos}
			line.Tokens = []string{s.Tokens[s.Pos]} // the form written: "banks" has a row of its own
		}
		line.IDs = c.Vocab.Encode(line.Tokens)
		for _, id := range line.IDs {
			line.Static = append(line.Static, f32(m.Static(id)))
		}
		for l := range c.Config().Layers + 1 {
			var layer [][]float32
			for _, t := range toks {
				layer = append(layer, f32(m.Vector(l, row, t)))
			}
			line.Layers = append(line.Layers, layer)
		}
		return enc.Encode(line)
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

func f32(v []float64) []float32 {
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(x)
	}
	return out
}

// Sentences tokenises sentences typed on the command line; with word set,
// each must contain it and its first occurrence is the target.
func (c *Checkpoint) Sentences(texts []string, word string) ([]data.Sentence, error) {
	var out []data.Sentence
	for _, t := range texts {
		s, err := c.sentence(t)
		if err == nil && word != "" {
			s, err = c.target(t, word)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// ReadSentences reads --sentences as data.LoadText does (one sentence per
// line, blank lines skipped) and refuses, naming its line, a sentence
// longer than the model's max_len.
func (c *Checkpoint) ReadSentences(path string) ([]data.Sentence, error) {
	return data.LoadTextChecked(path, c.Tokenizer, c.fit)
}
