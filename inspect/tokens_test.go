package inspect

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/corpus"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/modelfile"
)

// wordPieceTiny writes a random model whose vocabulary is WordPiece's,
// learned from a small corpus, and opens it.
func wordPieceTiny(t *testing.T) *Checkpoint {
	t.Helper()
	train, _, err := corpus.Generate(corpus.Config{Words: []string{"bank"}, TrainPerSense: 20, HeldoutPerSense: 8, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	toks := make([][]string, len(train))
	for i, s := range train {
		toks[i] = s.Tokens
	}
	vocab, err := data.LearnWordPiece(toks, 300)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := configs.Default()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Data.Tokenizer, cfg.Data.VocabSize = configs.WordPiece, 300
	sec := cfg.Model
	sec.DModel, sec.Heads, sec.FF, sec.Layers = 8, 2, 16, 1
	senses := data.SenseLabels(train)
	m, err := model.New(model.Config{Shape: sec, Vocab: vocab.Len(), Senses: len(senses)}, 1, sec.MaxLen, model.Options{Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	b, err := modelfile.Encode(m, vocab.Words(), senses, &modelfile.TrainingRun{Seed: 1, Data: cfg.Data.Recorded()})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "wp.safetensors")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTokensOf(t *testing.T) {
	wp := wordPieceTiny(t)
	words := newTiny(t, true).c
	tests := []struct {
		name       string
		c          *Checkpoint
		text, word string
		tokens     string // joined by spaces; "" = any: only Target and Span checked
		last       bool   // the target is the last token
		split      bool   // the target is more than one piece
		err        string
	}{
		{"word run", words, "He sat on the bank.", "bank", "he sat on the bank", true, false, ""},
		{"no word", words, "He sat on the bank.", "", "he sat on the bank", false, false, ""},
		{"the word, not a word it starts", wp, "Riverbanks and the bank!", "bank", "", true, false, ""},
		{"a split target", wp, "the zzbank zzbank", "zzbank", "", false, true, ""},
		{"absent word", wp, "the river", "bank", "", false, false, "does not contain"},
		{"no words", wp, "...", "", "", false, false, "has no words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.c.TokensOf(tt.text, tt.word)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got.IDs) != len(got.Text) || !slices.Equal(got.IDs, tt.c.Vocab.Encode(got.Text)) {
				t.Errorf("ids %v do not encode %q", got.IDs, got.Text)
			}
			if tt.tokens != "" && strings.Join(got.Text, " ") != tt.tokens {
				t.Errorf("tokens %q, want %q", got.Text, tt.tokens)
			}
			if tt.word == "" {
				if got.Target != -1 || got.Span != 0 {
					t.Errorf("target %d span %d without a word", got.Target, got.Span)
				}
				return
			}
			// The target is the word's first piece, its span all of them.
			pieces := wp.Tokenizer.Pieces(tt.word)
			if tt.c == words {
				pieces = []string{tt.word}
			}
			if got.Target < 0 || !slices.Equal(got.Text[got.Target:got.Target+got.Span], pieces) {
				t.Errorf("target %d span %d of %q, want the pieces %q", got.Target, got.Span, got.Text, pieces)
			}
			if tt.last && got.Target != len(got.Text)-1 {
				t.Errorf("target %d of %q: want the last token", got.Target, got.Text)
			}
			if tt.split != (got.Span > 1) || (tt.split && got.Target != 1) {
				t.Errorf("target %d span %d of %q: want split %v at 1", got.Target, got.Span, got.Text, tt.split)
			}
		})
	}
}
