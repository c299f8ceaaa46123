package train

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestResumeRefusalNamesKeys: a resume whose config changes keys an exact
// resume needs names every one of them, and only them.
func TestResumeRefusalNamesKeys(t *testing.T) {
	dir := t.TempDir()
	const obj = "objective=mlm+sense" // named, so the test does not hang on the default's objective
	if err := newTrainer(t, tiny(t, "train.steps=2", obj), Options{Out: dir}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		sets []string
		want []string
	}{
		{"seed", []string{"train.seed=7"}, []string{"train.seed changed from 1 to 7"}},
		{"initial embedding std", []string{"train.embed_std=1"}, []string{"train.embed_std changed from 0.02 to 1"}},
		{"objective and data seed", []string{"objective=mlm", "data.seed=9", "train.lr=0.01"},
			[]string{"objective changed from \"mlm+sense\" to \"mlm\"", "data.seed changed from"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tiny(t, append([]string{"train.steps=4", obj}, tt.sets...)...), Options{Out: dir, Resume: true})
			if err == nil {
				t.Fatal("want a refusal")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("refusal %q lacks %q", err, w)
				}
			}
			for _, not := range []string{"train.steps", "train.lr", "train.batch_size"} {
				if strings.Contains(err.Error(), not) {
					t.Errorf("refusal %q names %s, which did not change or may change", err, not)
				}
			}
		})
	}
}

// TestInitFromRunFolder: --init-from takes a run folder and a step folder,
// as eval --checkpoint does.
func TestInitFromRunFolder(t *testing.T) {
	dir := t.TempDir()
	if err := newTrainer(t, tiny(t, "train.steps=2"), Options{Out: dir}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, from := range []string{dir, filepath.Join(dir, "step-000002")} {
		tr := newTrainer(t, tiny(t, "train.steps=2"), Options{Out: t.TempDir(), InitFrom: from})
		if err := tr.Run(context.Background()); err != nil {
			t.Errorf("--init-from %s: %v", from, err)
		}
	}
}

// TestClosingLines: the progress bar's last frame is 100%, and after a resume
// the closing line names the steps trained and where it resumed.
func TestClosingLines(t *testing.T) {
	dir := t.TempDir()
	var log bytes.Buffer
	if err := newTrainer(t, tiny(t, "train.steps=4"), Options{Out: dir, Log: &log, Progress: true}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	before, _, found := strings.Cut(log.String(), "done: 4 steps in")
	lines := strings.Split(strings.TrimRight(before, "\n"), "\n")
	frames := strings.Split(lines[len(lines)-1], "\r")
	if last := frames[len(frames)-1]; !found || !strings.Contains(last, "100%") || !strings.Contains(last, "(4/4)") {
		t.Errorf("progress output does not end at 100%% (4/4) and 'done: 4 steps': %q", log.String())
	}
	log.Reset()
	if err := newTrainer(t, tiny(t, "train.steps=7"), Options{Out: dir, Log: &log, Resume: true}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "done: steps 5-7 in") || !strings.Contains(log.String(), "resumed from step 4") {
		t.Errorf("closing line after a resume: %q", log.String())
	}
}
