package inspect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/configs"
)

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nowhere")
	garbage := filepath.Join(dir, "damaged.safetensors")
	if err := os.WriteFile(garbage, []byte("not a model"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A run folder whose model file is damaged.
	run := filepath.Join(dir, "run")
	cfg, err := configs.Default()
	if err != nil {
		t.Fatal(err)
	}
	state := map[string]any{"step": 5, "config": cfg}
	if _, err := checkpoint.Save(run, 5, map[string][]byte{"model.safetensors": []byte("garbage")}, state); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"missing", missing, "no such file"},
		{"damaged file", garbage, garbage},
		{"damaged folder", run, "model.safetensors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(tt.path)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for _, want := range []string{"load checkpoint " + tt.path, tt.want, "go run ./cmd/train"} {
				if !strings.Contains(msg, want) {
					t.Errorf("err = %q, want it to contain %q", msg, want)
				}
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("err = %q spans several lines", msg)
			}
		})
	}
}

func TestSentenceErrors(t *testing.T) {
	tn := newTiny(t, true)
	long := "the bank " + strings.Repeat("of the river ", 7)
	tests := []struct {
		name, word, text, want string
	}{
		{"without the word", "bank", "the river is wide", `sentence "the river is wide" does not contain "bank"`},
		{"not in vocabulary", "zebra", "a zebra by the bank", `"zebra" is not in the model's vocabulary`},
		{"too long", "bank", long, "tokens, more than the model's max_len 20"},
		{"two words", "the bank", "the bank", "must be a single word"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tn.c.Quick(tt.word, []string{tn.held[0].Text, tt.text})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Quick: err = %v, want %q", err, tt.want)
			}
			_, err = tn.c.Explain(tt.text, tt.word, 1, 1)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Explain: err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestEvalDataErrors(t *testing.T) {
	tn := newTiny(t, true)
	dir := t.TempDir()
	long := filepath.Join(dir, "long.tsv")
	if err := os.WriteFile(long, []byte("bank\triver\tthe bank"+strings.Repeat(" of the river", 7)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, data, want string
	}{
		{"missing file", filepath.Join(dir, "none.tsv"), "load " + filepath.Join(dir, "none.tsv")},
		{"not tsv", "data.csv", `--data data.csv: want "heldout" or a .tsv file`},
		{"too long", long, "more than the model's max_len 20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := tn.c.EvalData(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
