package inspect

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWritePlots(t *testing.T) {
	tn := newTiny(t, true)
	r, err := tn.c.BuildReport(ReportOptions{DataName: HeldOut, Eval: tn.held, Train: tn.train})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "plots")
	files, err := tn.c.WritePlots(dir, r, tn.held)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"pca_bank.png", "layers_bank.png", "attention_bank_1.png"}
	if len(files) != len(want) {
		t.Fatalf("wrote %v, want %v", files, want)
	}
	for i, name := range want {
		if files[i] != filepath.Join(dir, name) {
			t.Errorf("file %d = %s, want %s", i, files[i], name)
		}
		b, err := os.ReadFile(files[i])
		if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
			t.Errorf("%s is not a PNG (%v)", name, err)
		}
	}
}

func TestEvalDataTSV(t *testing.T) {
	tn := newTiny(t, true)
	path := filepath.Join(t.TempDir(), "mine.tsv")
	tsv := "bank\triver\the sat on the bank of the river\nbank\tfinance\tshe took a loan from the bank\n"
	if err := os.WriteFile(path, []byte(tsv), 0o644); err != nil {
		t.Fatal(err)
	}
	name, eval, train, err := tn.c.EvalData(path)
	if err != nil {
		t.Fatal(err)
	}
	if name != path || len(eval) != 2 || eval[1].Pos != 6 || len(train) == 0 {
		t.Errorf("EvalData = %q, %d sentences (target at %d), %d training; want %q, 2 (6), some", name, len(eval), eval[1].Pos, len(train), path)
	}
}

func TestPlotSentence(t *testing.T) {
	tn := newTiny(t, true)
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dir, want string // want: "" = success
	}{
		{"new folder", filepath.Join(t.TempDir(), "a", "b"), ""},
		{"folder is a file", blocker, "--plots " + blocker + ": mkdir " + blocker},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, err := tn.c.PlotSentence(tt.dir, tn.held[0])
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("err = %v, want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			want := AttentionFile(tn.held[0].Word, 1)
			if path != filepath.Join(tt.dir, want) || err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) || want != "attention_"+tn.held[0].Word+"_1.png" {
				t.Errorf("wrote %s (%v), want a PNG %s in %s", path, err, want, tt.dir)
			}
		})
	}
}

// TestEvalDataTSVSkipsHeldout: evaluating a .tsv file needs only the training
// split of the checkpoint's corpus (for the centroids), not its held-out file.
func TestEvalDataTSVSkipsHeldout(t *testing.T) {
	tn := newTiny(t, true)
	dir := t.TempDir()
	trainFile, path := filepath.Join(dir, "train.tsv"), filepath.Join(dir, "mine.tsv")
	tsv := "bank\triver\the sat on the bank of the river\nbank\tfinance\tshe took a loan from the bank\n"
	for _, f := range []string{trainFile, path} {
		if err := os.WriteFile(f, []byte(tsv), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := *tn.c.Loaded.Config
	cfg.Data.Corpus, cfg.Data.TrainFile, cfg.Data.HeldoutFile = "files", trainFile, filepath.Join(dir, "gone.tsv")
	tn.c.Loaded.Config = &cfg
	if _, _, train, err := tn.c.EvalData(path); err != nil || len(train) != 2 {
		t.Errorf("EvalData(%s) with the held-out file gone: %d training sentences, %v; want 2, nil", path, len(train), err)
	}
}
