package explore

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/corpus"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/inspect"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/modelfile"
)

// tinyData is the corpus of the tiny model the tests explore.
var tinyData = corpus.Config{Words: []string{"bank"}, TrainPerSense: 20, HeldoutPerSense: 8, Seed: 1}

// newTiny writes a random 2-layer, 8-dimensional model of the "bank" corpus
// as a .safetensors file that records its run, and opens the explorer on it.
func newTiny(t testing.TB) *Explorer { return newTinyWith(t, false) }

// newTinyWith is newTiny whose model reads WordPiece pieces when wordPiece.
func newTinyWith(t testing.TB, wordPiece bool) *Explorer { return newTinyOf(t, tinyData, wordPiece) }

// newTinyOf is newTinyWith for the corpus cc.
func newTinyOf(t testing.TB, cc corpus.Config, wordPiece bool) *Explorer {
	t.Helper()
	train, _, err := corpus.Generate(cc)
	if err != nil {
		t.Fatal(err)
	}
	toks := make([][]string, len(train))
	for i, s := range train {
		toks[i] = s.Tokens
	}
	vocab := data.BuildVocab(toks, 1)
	senses := data.SenseLabels(train)
	cfg, err := configs.Default()
	if err != nil {
		t.Fatal(err)
	}
	sec := cfg.Model
	sec.DModel, sec.Heads, sec.FF, sec.Layers, sec.Dropout = 8, 2, 16, 2, 0
	if wordPiece {
		const size = 300 // small: many words split
		if vocab, err = data.LearnWordPiece(toks, size); err != nil {
			t.Fatal(err)
		}
		cfg.Data.Tokenizer, cfg.Data.VocabSize, sec.MaxLen = configs.WordPiece, size, 64
	}
	m, err := model.New(model.Config{Shape: sec, Vocab: vocab.Len(), Senses: len(senses)}, 1, sec.MaxLen, model.Options{Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	d := cfg.Data
	d.Words, d.TrainPerSense, d.HeldoutPerSense, d.Seed, d.WordNet = cc.Words, cc.TrainPerSense, cc.HeldoutPerSense, int64(cc.Seed), cc.WordNet
	b, err := modelfile.Encode(m, vocab.Words(), senses, &modelfile.TrainingRun{Seed: 7, Data: d})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "tiny.safetensors")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := inspect.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(c, inspect.HeldOut)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
