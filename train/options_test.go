package train

import (
	"bytes"
	"context"
	"github.com/attendlab/attend/runfolder"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/corpus"
	"github.com/attendlab/attend/data"
)

// TestPlainTextMLM trains masked LM on user text files, which carry no sense
// labels: validation reports the MLM loss and no sense probe.
func TestPlainTextMLM(t *testing.T) {
	dir := t.TempDir()
	writePlainText(t, dir)
	c := tiny(t, "objective=mlm", "data.corpus=files", "data.train_file="+filepath.Join(dir, "train.txt"),
		"data.heldout_file="+filepath.Join(dir, "heldout.txt"), "data.words=[]")
	out := t.TempDir()
	if err := newTrainer(t, c, Options{Out: out}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	recs, err := readMetrics(filepath.Join(out, runfolder.MetricsFile))
	if err != nil {
		t.Fatal(err)
	}
	evals := 0
	for _, r := range recs {
		if r.Kind == "eval" {
			evals++
			if r.Validation.Probe != nil || r.Validation.Terms["mlm"] <= 0 {
				t.Errorf("eval of plain text: probe %v, MLM loss %v; want no probe and a loss", r.Validation.Probe, r.Validation.Terms["mlm"])
			}
		}
	}
	if evals == 0 {
		t.Error("no validation recorded")
	}
}

// TestRunFolderRules: a fresh run refuses a folder that holds checkpoints,
// --resume and --init-from exclude each other, and resuming a finished run
// trains nothing and writes nothing.
func TestRunFolderRules(t *testing.T) {
	dir := t.TempDir()
	c := tiny(t, "train.steps=2")
	if err := newTrainer(t, c, Options{Out: dir}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	// A finished run says so, where its results are and how to train longer.
	for _, want := range []string{"holds a finished run", filepath.Join(dir, "step-000002", "model.safetensors"), "loss.png", "eval --checkpoint " + dir, "--resume --set train.steps=4"} {
		if _, err := New(c, Options{Out: dir}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("fresh run into a finished run's folder: got %v, want %q in it", err, want)
		}
	}
	if _, err := New(c, Options{Out: dir, Resume: true, InitFrom: "x.safetensors"}); err == nil {
		t.Error("--resume with --init-from: want an error")
	}
	before, err := checkpoint.Steps(dir)
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	if err := newTrainer(t, c, Options{Out: dir, Resume: true, Log: &log}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	after, _ := checkpoint.Steps(dir)
	if !strings.Contains(log.String(), "nothing to train: "+dir+" holds a finished run") || !strings.Contains(log.String(), "--resume --set train.steps=4") || len(after) != len(before) {
		t.Errorf("resume of a finished run: log %q, checkpoints %v -> %v", log.String(), before, after)
	}
	// Fewer steps than the run has taken: said as such, not as a finished run.
	log.Reset()
	if err := newTrainer(t, tiny(t, "train.steps=1", "train.warmup=0"), Options{Out: dir, Resume: true, Log: &log}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "nothing to train: train.steps 1 is below the run's step 2") || strings.Contains(log.String(), "finished run") {
		t.Errorf("resume with fewer steps: log %q", log.String())
	}
	log.Reset()
	if _, err := New(tiny(t, "train.steps=4", "train.clip=0.5", "model.dropout=0.2"), Options{Out: dir, Resume: true, Log: &log}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"train.steps changed from 2 to 4", "train.clip changed from 1 to 0.5", "model.dropout changed"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("resume log %q lacks %q", log.String(), want)
		}
	}
}

// TestUnfinishedRunFolder: a fresh run into an interrupted run's folder
// points to --resume.
func TestUnfinishedRunFolder(t *testing.T) {
	c := tiny(t)
	_, split, _ := straightAndSplit(t, c)
	_, err := New(c, Options{Out: split})
	if err == nil || !strings.Contains(err.Error(), "holds an unfinished run (step 3 of 8): continue it with --resume") {
		t.Errorf("fresh run into an unfinished run's folder: got %v", err)
	}
}

// TestInitFromMLMOnly seeds the sense task from a masked-LM model, which has
// no sense head, and keeps the file's vocabulary (its ids first).
func TestInitFromMLMOnly(t *testing.T) {
	dir := t.TempDir()
	if err := newTrainer(t, tiny(t, "objective=mlm", "train.steps=2"), Options{Out: dir}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	files, _, err := checkpoint.Load(filepath.Join(dir, "step-000002"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "mlm.safetensors")
	if err := os.WriteFile(path, files[runfolder.ModelFile], 0o644); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	tr := newTrainer(t, tiny(t, "data.seed=7"), Options{Out: t.TempDir(), InitFrom: path, Log: &log})
	if !strings.Contains(log.String(), "sense_head.weight") {
		t.Errorf("log %q does not say the sense head starts from the seed", log.String())
	}
	if first, err := runfolder.Open(dir); err != nil || !slices.Equal(first.File.Vocab, tr.Data.Vocab.Words()[:len(first.File.Vocab)]) {
		t.Errorf("--init-from did not keep the file's vocabulary first (%v)", err)
	}
	if err := tr.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestRelativeCorpusPaths: a run trained on files named relative to the
// working folder can be read back, data included, from another folder.
func TestRelativeCorpusPaths(t *testing.T) {
	work := t.TempDir()
	writePlainText(t, work)
	t.Chdir(work)
	c := tiny(t, "objective=mlm", "data.corpus=files", "data.train_file=train.txt", "data.heldout_file=heldout.txt",
		"data.words=[]", "train.steps=2")
	out := filepath.Join(work, "run")
	if err := newTrainer(t, c, Options{Out: out}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	l, err := runfolder.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	o, err := corpus.Options(l.Config)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := data.Load(o, l.File.Vocab); err != nil {
		t.Errorf("the run's data from another folder: %v", err)
	}
}

// writePlainText writes train.txt and heldout.txt, unlabelled sentences, into dir.
func writePlainText(t *testing.T, dir string) {
	t.Helper()
	text := "the river bank was muddy\nshe took a loan from the bank\nthe heron stood on the bank\nhe paid the bank with cash\n"
	for _, name := range []string{"train.txt", "heldout.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Repeat(text, 3)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
