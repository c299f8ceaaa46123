package inspect

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attendlab/attend/arch"
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
	// Files whose metadata asks for far more than their tensors hold.
	wide := writeTiny(t, true, func(m *arch.Shape) { m.DModel, m.FF = 1<<20, 1<<30 }).path
	deep := writeTiny(t, true, func(m *arch.Shape) { m.Layers = 1 << 30 }).path
	// A file whose metadata names another architecture of a smaller size.
	postNorm := writeTiny(t, true, func(m *arch.Shape) { m.NormFirst = false }).path
	tests := []struct {
		name, path, want string
	}{
		{"missing", missing, "no such file"},
		{"damaged file", garbage, "damaged file"},
		{"damaged folder", run, "model.safetensors"},
		{"config wider than tensors", wide, `the config asks for more than the file holds: graph: parameter "embed.weight"`},
		{"config deeper than tensors", deep, "the config asks for more than the file holds"},
		{"config of another architecture", postNorm, `tensor "encoder.norm.bias" is not a parameter of this model`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(tt.path)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for _, want := range []string{tt.path, tt.want} {
				if !strings.Contains(msg, want) {
					t.Errorf("err = %q, want it to contain %q", msg, want)
				}
			}
			if n := strings.Count(msg, tt.path); n != 1 {
				t.Errorf("err = %q names %s %d times, want once", msg, tt.path, n)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("err = %q spans several lines", msg)
			}
		})
	}
}

// TestHugeMaxLen opens a file whose sinusoidal model claims a max_len of a
// billion tokens: nothing depends on it but the longest sentence allowed,
// so inspection must build only the rows the sentences use.
func TestHugeMaxLen(t *testing.T) {
	tn := writeTiny(t, true, func(m *arch.Shape) { m.MaxLen = 1 << 30 })
	c, err := Open(tn.path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Quick("bank", []string{tn.held[0].Text, tn.held[1].Text}); err != nil {
		t.Fatal(err)
	}
}

func TestSentenceErrors(t *testing.T) {
	tn := newTiny(t, true)
	long := "the bank " + strings.Repeat("of the river ", 7)
	tests := []struct {
		name, word, text, want string
	}{
		{"not in vocabulary", "zebra", "a zebra by the bank", `"zebra" is not in the model's vocabulary`},
		{"without the word", "bank", "the river is wide", `sentence "the river is wide" does not contain "bank"`},
		{"too long", "bank", long, `sentence "the bank of the river of the river of the river of the ri..." has 23 tokens, more than the model's max_len 20`},
		{"two words", "the bank", "the bank", "must be a single word"},
		{"empty", "bank", "", `sentence "" has no words`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			texts := []string{tn.held[0].Text, tt.text}
			if tt.name == "without the word" { // the quick look skips it, and fails once none is left
				texts[0] = "the river was high"
			}
			_, err := tn.c.Quick(tt.word, texts)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.As(err, new(*UsageError)) {
				t.Errorf("Quick: err = %v, want a UsageError with %q", err, tt.want)
			}
			_, err = tn.c.Explain(tt.text, tt.word, 1, 1)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.As(err, new(*UsageError)) {
				t.Errorf("Explain: err = %v, want a UsageError with %q", err, tt.want)
			}
		})
	}
}

func TestEvalDataErrors(t *testing.T) {
	tn := newTiny(t, true)
	dir := t.TempDir()
	long := filepath.Join(dir, "long.tsv")
	text := "bank\triver\tthe bank is wide\n\n  \nbank\triver\tthe bank" + strings.Repeat(" of the river", 7) + "\n"
	if err := os.WriteFile(long, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	short := writeTiny(t, true, func(m *arch.Shape) { m.MaxLen = 4 })
	cShort, err := Open(short.path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		c    *Checkpoint
		data string
		want string
	}{
		{"missing file", tn.c, filepath.Join(dir, "none.tsv"), "load " + filepath.Join(dir, "none.tsv")},
		{"not tsv", tn.c, "data.csv", `--data data.csv: want "heldout" or a .tsv file`},
		{"too long", tn.c, long, "load " + long + ` line 4: sentence "the bank of the river`},
		{"corpus longer than max_len", cShort, HeldOut, "the training split of the checkpoint's data: sentence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := tt.c.EvalData(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "max_len") && !strings.Contains(err.Error(), "more than the model's max_len") {
				t.Errorf("err = %v does not say the sentence is longer than max_len", err)
			}
		})
	}
}
