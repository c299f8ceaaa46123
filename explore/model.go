package explore

import (
	"slices"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/inspect"
)

// ModelInfo says what the page is looking at: the checkpoint, its shape,
// its ambiguous words and the example sentences to pick from.
type ModelInfo struct {
	Checkpoint   string              `json:"checkpoint"`
	Step         int                 `json:"step"` // -1 for a bare model file
	Data         string              `json:"data"`
	Layers       int                 `json:"layers"`
	Heads        int                 `json:"heads"`
	DModel       int                 `json:"d_model"`
	DK           int                 `json:"d_k"`
	MaxLen       int                 `json:"max_len"`
	NormFirst    bool                `json:"norm_first"`
	Words        map[string][]string `json:"words"` // the sense head's words and their senses
	Examples     []Example           `json:"examples"`
	MaxSentences int                 `json:"max_sentences"`
	MaxChars     int                 `json:"max_chars"`
	Served       bool                `json:"served"` // false in a page written to a file
}

// Example is one labelled sentence of the explorer's data.
type Example struct {
	Word  string `json:"word"`
	Sense string `json:"sense"`
	Text  string `json:"text"`
}

// Model describes the checkpoint for the page.
func (e *Explorer) Model() *ModelInfo {
	cfg := e.c.Config()
	m := &ModelInfo{Checkpoint: e.c.Path, Step: e.c.Loaded.Step, Data: e.dataName, Layers: cfg.Layers, Heads: cfg.Heads,
		DModel: cfg.DModel, DK: cfg.DModel / cfg.Heads, MaxLen: cfg.MaxLen, NormFirst: cfg.NormFirst,
		Words: map[string][]string{}, Examples: []Example{}, MaxSentences: MaxSentences, MaxChars: MaxChars, Served: true}
	for _, l := range e.c.Loaded.File.Senses {
		if w, s := data.SplitLabel(l); s != "" && !data.HiddenWord(w) && !slices.Contains(m.Words[w], s) {
			m.Words[w] = append(m.Words[w], s)
		}
	}
	for _, s := range e.picks {
		m.Examples = append(m.Examples, Example{Word: s.Word, Sense: s.Sense, Text: s.Text})
	}
	return m
}

// ExampleSentences picks sentences to show when none are given: the first
// example of each sense of word, or of the first word with examples.
func (e *Explorer) ExampleSentences(word string) ([]string, error) {
	if word == "" {
		for _, s := range e.picks {
			if word == "" || s.Word < word {
				word = s.Word
			}
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, s := range e.picks {
		if s.Word == word && !seen[s.Sense] && len(out) < MaxSentences {
			seen[s.Sense] = true
			out = append(out, s.Text)
		}
	}
	if len(out) == 0 {
		return nil, inspect.Usagef("%s has no labelled sentences of %q: give sentences", e.dataName, word)
	}
	return out, nil
}
