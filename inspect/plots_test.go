package inspect

import (
	"bytes"
	"os"
	"path/filepath"
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
	want := []string{"pca_bank.png", "layers_bank.png", "attention_1.png"}
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
