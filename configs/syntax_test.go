package configs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSyntaxErrorLine: an indentation mistake is reported at the line that
// holds it, not at the line where yaml's enclosing block began.
func TestSyntaxErrorLine(t *testing.T) {
	tests := []struct {
		name, text string
		line       string
	}{
		{"key dedented", "model:\n  d_model: 64\ntrain:\n  steps: 5\n lr: 0.1\n", ":5:"},
		{"key dedented after comment", "model:\n  d_model: 64\n  heads: 4\n\n # c\n layers: 2\n", ":6:"},
		{"key indented", "model:\n  d_model: 64\n   heads: 4\n", ":3:"},
		{"list item dedented", "data:\n  words:\n    - bank\n   - bat\n", ":4:"},
		{"tab", "model:\n  d_model: 64\n  heads: 4\n\n\t layers: 2\n", ":5:"},
		{"tab-indented key", "train:\n\tsteps: 3\n", ":2: found character that cannot start any token (a tab in the indentation"},
		{"backtick before a line of blanks and a tab", "train:\n  steps: 3\n  \nmodel:\n  d_model: `64`\n   \t\n", ":5:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.text), "x.yaml")
			if err == nil || !strings.Contains(err.Error(), "x.yaml"+tt.line) {
				t.Fatalf("error %v, want it at x.yaml%s", err, tt.line)
			}
		})
	}
	if got := badIndent([]byte("a:\n  - x: 1\n    y: 2\n  - z\nb: 1\n")); got != 0 {
		t.Errorf("a well indented list of mappings: bad line %d, want 0", got)
	}
}

// TestPathsRelativeToConfig: data paths a config file sets are relative to
// its folder; --set values and the run folder are relative to the working
// folder.
func TestPathsRelativeToConfig(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "own")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "mine.yaml")
	text := "data:\n  corpus: files\n  train_file: train.tsv\n  heldout_file: /abs/heldout.tsv\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ key, got, want string }{
		{"data.train_file", c.Data.TrainFile, filepath.Join(dir, "train.tsv")},
		{"data.heldout_file", c.Data.HeldoutFile, "/abs/heldout.tsv"},
		{"checkpoint.dir", c.Checkpoint.Dir, filepath.Join("checkpoints", "mine")},
	} {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.key, tt.got, tt.want)
		}
	}
	if err := c.Set("data.train_file=here.tsv"); err != nil {
		t.Fatal(err)
	}
	if c.Data.TrainFile != "here.tsv" {
		t.Errorf("--set data.train_file = %q, want here.tsv (relative to the working folder)", c.Data.TrainFile)
	}
	// The run folder has one rule: relative to the working folder, whether
	// the config names it or not, and wherever the config sits.
	bank, err := Embedded(DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, text, want string }{
		{"mine.yaml", "checkpoint:\n  dir: runs/a\n", filepath.Join("runs", "a")},
		{"bank.yaml", string(bank), filepath.Join("checkpoints", "bank")},
		{"mine.yaml", "train:\n  steps: 50\n", filepath.Join("checkpoints", "mine")},
	} {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if c, err = Load(path); err != nil {
			t.Fatal(err)
		}
		if c.Checkpoint.Dir != tt.want {
			t.Errorf("%s with %q: checkpoint.dir = %q, want %q", tt.name, tt.text[:min(len(tt.text), 30)], c.Checkpoint.Dir, tt.want)
		}
	}
}
