package data

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/attendlab/attend/configs"
)

// TestReadmeOwnText pins what README's "Your own text" says about reading
// a user's text to what the code does: the tokenisation example and the
// objective a config without one trains, and the starting values, which
// are the shipped example's.
func TestReadmeOwnText(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	c, err := configs.Parse([]byte("data:\n  corpus: files\n  train_file: t.tsv\n  heldout_file: h.tsv\n"), "own.yaml")
	if err != nil {
		t.Fatal(err)
	}
	own, err := configs.Load("../testdata/owntext/owntext.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tr := own.Train
	tests := []struct{ claim, want string }{
		{`"Dog's bed!" becomes ` + "`" + strings.Join(Tokenize("Dog's bed!"), " ") + "`", "tokenisation"},
		{"A config that does not set `objective` trains `" + string(c.Objective) + "`", "default objective"},
		{fmt.Sprintf("`train.steps: %d`, `train.batch_size: %d`,\n`train.lr: %v`, `train.warmup: %d`, and a smaller model (`model.d_model: %d`, `model.ff: %d`)",
			tr.Steps, tr.BatchSize, tr.LR, tr.Warmup, own.Model.DModel, own.Model.FF), "starting values (the example's)"},
	}
	for _, tt := range tests {
		if !strings.Contains(readme, tt.claim) {
			t.Errorf("README lacks the %s statement %q (or it no longer matches the code)", tt.want, tt.claim)
		}
	}
}
