package corpus

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/data"
)

// load reads the dataset c names through Options.
func load(t *testing.T, c *configs.Config, vocab []string) (*data.Dataset, error) {
	t.Helper()
	o, err := Options(c)
	if err != nil {
		t.Fatal(err)
	}
	return data.Load(o, vocab)
}

// TestOptionsWordPiece: a WordPiece run's dataset holds pieces learned from its
// training split; each target is its word's first piece; a saved vocabulary
// reads the same pieces; sentences that no longer fit max_len are errors
// naming the key (built-in corpus) or the file and line (files).
func TestOptionsWordPiece(t *testing.T) {
	c, err := configs.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"data.tokenizer=wordpiece", "data.vocab_size=700", "data.train_per_sense=60", "data.heldout_per_sense=5", "model.max_len=60"} {
		if err := c.Set(s); err != nil {
			t.Fatal(err)
		}
	}
	d, err := load(t, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Vocab.Len() != 700 || d.Tokenizer == nil {
		t.Fatalf("vocabulary of %d, tokenizer %v", d.Vocab.Len(), d.Tokenizer)
	}
	split := 0
	for _, s := range append(slices.Clone(d.Train), d.Heldout...) {
		for _, tok := range s.Tokens {
			if !d.Vocab.Has(tok) {
				t.Fatalf("%q: token %q is not in the vocabulary", s.Text, tok)
			}
			if strings.HasPrefix(tok, data.ContinuationPrefix) {
				split++
			}
		}
		// The target starts the pieces of the word or its plural, whole.
		span := s.Tokens[s.Pos : s.Pos+data.WordSpan(s.Tokens, s.Pos)]
		form := strings.ReplaceAll(strings.Join(span, ""), data.ContinuationPrefix, "")
		if !slices.Contains(data.Forms(s.Word), form) || !slices.Equal(d.Tokenizer.Pieces(form), span) {
			t.Fatalf("%q: target %q at %d starts %q, not the pieces of a form of the word", s.Text, s.Word, s.Pos, span)
		}
	}
	if split == 0 {
		t.Errorf("a 700-piece vocabulary split no word")
	}
	again, err := load(t, c, d.Vocab.Words())
	if err != nil || string(joined(again.Train)) != string(joined(d.Train)) {
		t.Errorf("the saved vocabulary reads other pieces (%v)", err)
	}

	if err := c.Set("model.max_len=20"); err != nil {
		t.Fatal(err)
	}
	if _, err := load(t, c, nil); err == nil || !strings.Contains(err.Error(), "model.max_len") {
		t.Errorf("built-in sentences longer than max_len in pieces: %v", err)
	}
	dir := t.TempDir()
	train, held := dir+"/train.tsv", dir+"/held.tsv"
	writeFile(t, train, "bank\triver\tthe bank of the river\nbank\tmoney\tthe bank lent money\n")
	writeFile(t, held, "bank\triver\tthe bank of the river\nbank\tmoney\tthe grassy bank of the money river\n")
	for _, s := range []string{"data.corpus=files", "data.train_file=" + train, "data.heldout_file=" + held, "data.vocab_size=150", "model.max_len=12"} {
		if err := c.Set(s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := load(t, c, nil); err == nil || !strings.Contains(err.Error(), "held.tsv line 2") {
		t.Errorf("a held-out line longer than max_len in pieces: %v", err)
	}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
