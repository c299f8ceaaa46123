package inspect

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/attendlab/attend/data"
)

// dumpLine is one sentence of --dump-embeddings. Values are float32, the
// precision the model computes in; encoding/json writes each with the
// fewest digits that read back to the same float32.
type dumpLine struct {
	Sentence string        `json:"sentence"`
	Tokens   []string      `json:"tokens"`
	IDs      []int         `json:"ids"`
	Static   [][]float32   `json:"static"` // [token][d_model]: each token's embedding row
	Layers   [][][]float32 `json:"layers"` // [0] embedding + position, [i] output of layer i; [layer][token][d_model]
}

// Dump writes one JSON object per sentence (JSON lines) with every real
// token's vector in every layer; padding is left out.
func (c *Checkpoint) Dump(w io.Writer, sents []data.Sentence) error {
	for i, s := range sents {
		if len(s.Tokens) > c.MaxLen() {
			return fmt.Errorf("sentence %d (%q) has %d tokens, more than the model's max_len %d", i+1, s.Text, len(s.Tokens), c.MaxLen())
		}
	}
	m, err := c.trained(min(max(len(sents), 1), batchSize), longest(sents))
	if err != nil {
		return err
	}
	static := staticTable(m)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	err = forward(m, c.Vocab, sents, func(i, row int) error {
		s := sents[i]
		line := dumpLine{Sentence: s.Text, Tokens: s.Tokens, IDs: c.Vocab.Encode(s.Tokens)}
		for _, id := range line.IDs {
			line.Static = append(line.Static, f32(static(id)))
		}
		for _, h := range m.Hidden() {
			var layer [][]float32
			for t := range s.Tokens {
				layer = append(layer, f32(rowVec(m, h, row, t)))
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

// ReadSentences reads --sentences: one sentence per line, blank lines
// skipped. A line without words, with invalid UTF-8 or longer than the
// model's max_len is an error naming the file and line.
func (c *Checkpoint) ReadSentences(path string) ([]data.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	defer f.Close()
	var out []data.Sentence
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("load %s line %d: invalid UTF-8", path, n)
		}
		toks := data.Tokenize(line)
		switch {
		case len(toks) == 0:
			return nil, fmt.Errorf("load %s line %d: no words", path, n)
		case len(toks) > c.MaxLen():
			return nil, fmt.Errorf("load %s line %d: %d tokens, more than the model's max_len %d", path, n, len(toks), c.MaxLen())
		}
		out = append(out, data.Sentence{Text: line, Tokens: toks, Pos: -1})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("load %s: no sentences", path)
	}
	return out, nil
}
