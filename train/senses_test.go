package train

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attendlab/attend/metrics"
)

// TestCheckSenses: a files run refuses a held-out sense its training file
// never shows, and (when it trains senses) a word with one sense, naming
// the key, the file and the sense; the masked LM alone may train on one.
func TestCheckSenses(t *testing.T) {
	const two = "bark\tdog\tthe puppy gave a loud bark\nbark\ttree\tthe oak bark was rough\n"
	const dogOnly = "bark\tdog\tthe puppy gave a loud bark\nbark\tdog\ta bark at the door\n"
	tests := []struct {
		name, train, heldout, objective string
		want                            []string // substrings of the error; none: no error
	}{
		{"both senses", two, "bark\tdog\ta bark from the puppy\nbark\ttree\tmoss on the bark\n", "sense", nil},
		{"held-out sense not trained", two, "bark\tdog\ta bark from the puppy\nbark\tsound\tthe bark echoed\n", "sense",
			[]string{"data.heldout_file", "bark:sound (1 line) never occurs in", "train.tsv"}},
		{"two held-out senses not trained", two, "bark\tsound\tthe bark echoed\nbark\tboat\ta bark sailed\nbark\tboat\tthe bark docked\n", "sense",
			[]string{"bark:boat (2 lines), bark:sound (1 line) never occur in"}},
		{"one sense", strings.Repeat(dogOnly, 2), "bark\tdog\ta bark from the puppy\n", "sense",
			[]string{"data.train_file", `word "bark" has one sense (dog)`, "objective: mlm"}},
		{"held-out sense in another case", two, "bark\tDog\ta bark from the puppy\n", "sense",
			[]string{"bark:Dog (1 line; the training file writes it bark:dog) never occurs in"}},
		{"senses differing in case", two + "bark\tTree\tthe Bark of the old oak\n", "bark\tdog\ta bark from the puppy\n", "sense",
			[]string{"data.train_file", "bark:Tree and bark:tree differ only in case"}},
		{"one sense, masked LM only", strings.Repeat(dogOnly, 2), "bark\tdog\ta bark from the puppy\n", "mlm", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range map[string]string{"train.tsv": strings.Repeat(tt.train, 4), "heldout.tsv": tt.heldout} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			c := tiny(t, "data.corpus=files", "data.train_file="+filepath.Join(dir, "train.tsv"),
				"data.heldout_file="+filepath.Join(dir, "heldout.tsv"), "objective="+tt.objective)
			_, err := New(c, Options{Out: t.TempDir()})
			switch {
			case tt.want == nil && err != nil:
				t.Fatalf("error %v, want none", err)
			case tt.want != nil && err == nil:
				t.Fatalf("no error, want one with %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q, want %q in it", err, w)
				}
			}
		})
	}
}

// TestProbeNeedsTwoSenses: the nearest-centroid probe leaves out a word
// with a single training sense (it would score 1.000 whatever the vectors).
func TestProbeNeedsTwoSenses(t *testing.T) {
	train, test := metrics.Groups{}, metrics.Groups{}
	for _, g := range []metrics.Groups{train, test} {
		g.Add("bank", "river", []float64{1, 0})
		g.Add("bank", "money", []float64{0, 1})
		g.Add("pitch", "field", []float64{1, 1})
	}
	per := map[string]float64{}
	mean, err := probe(train, test, per)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := per["pitch"]; ok || per["bank"] != 1 || mean != 1 || len(per) != 1 {
		t.Errorf("probe: mean %v, per word %v; want bank alone at 1", mean, per)
	}
}

// TestSummaryNamesPieces: with WordPiece the start-of-run summary counts
// pieces, not words.
func TestSummaryNamesPieces(t *testing.T) {
	dir := t.TempDir()
	const lines = "bark\tdog\tthe puppy gave a loud bark\nbark\ttree\tthe oak bark was rough\n"
	for name, text := range map[string]string{"train.tsv": strings.Repeat(lines, 4), "heldout.tsv": lines} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct{ tokenizer, want string }{{"word", "vocabulary of"}, {"wordpiece", "WordPiece pieces"}} {
		c := tiny(t, "data.corpus=files", "data.train_file="+filepath.Join(dir, "train.tsv"), "data.heldout_file="+filepath.Join(dir, "heldout.tsv"),
			"objective=sense", "data.tokenizer="+tt.tokenizer, "data.vocab_size=200")
		var log bytes.Buffer
		if _, err := New(c, Options{Out: t.TempDir(), Log: &log}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(log.String(), tt.want) || (tt.tokenizer == "word") == strings.Contains(log.String(), "pieces") {
			t.Errorf("%s: summary %q, want %q", tt.tokenizer, log.String(), tt.want)
		}
	}
}
