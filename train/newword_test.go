package train

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/runfolder"
)

// newWord trains a tiny built-in run (bank's senses) and returns it with a
// config for a new word, "bark", from files: its senses and words are not
// the run's.
func newWord(t *testing.T, sets ...string) (from string, c *configs.Config) {
	t.Helper()
	from = t.TempDir()
	if err := newTrainer(t, tiny(t, "train.steps=2"), Options{Out: from}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	train := strings.Repeat("bark\tdog\tthe puppy gave a loud bark\nbark\ttree\tthe oak bark was rough\n", 4)
	heldout := "bark\tdog\ta bark from the puppy\nbark\ttree\tmoss on the bark of an elm\n"
	for name, text := range map[string]string{"train.tsv": train, "heldout.tsv": heldout} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return from, tiny(t, append([]string{"data.corpus=files", "data.train_file=" + filepath.Join(dir, "train.tsv"),
		"data.heldout_file=" + filepath.Join(dir, "heldout.tsv"), "objective=sense"}, sets...)...)
}

// TestInitFromNewWord: --init-from keeps the encoder, starts the head for
// other senses fresh and adds the new words, saying so one line each after
// the data summary; the run is deterministic and resumes exactly.
func TestInitFromNewWord(t *testing.T) {
	from, c := newWord(t)
	var log bytes.Buffer
	tr := newTrainer(t, c, Options{Out: t.TempDir(), InitFrom: from, Log: &log})
	saved, err := runfolder.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	words := tr.Data.Vocab.Words()
	if !slices.Equal(words[:len(saved.File.Vocab)], saved.File.Vocab) || !slices.Contains(tr.Data.Added, "bark") {
		t.Errorf("vocabulary: added %q; want the file's words first and bark added", tr.Data.Added)
	}
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	wants := []string{
		"train.tsv: 8 sentences: bark:dog 4, bark:tree 4",
		"heldout.tsv: 2 sentences: bark:dog 1, bark:tree 1; ",
		"new (not in the --init-from model's)",
		"kept the encoder's weights",
		"sense_head.weight and sense_head.bias started fresh: the new data's senses (bark:dog, bark:tree) are not exactly the file's (bank:",
		"added " + strconv.Itoa(len(tr.Data.Added)) + " words of the new data",
	}
	if len(lines) != len(wants) {
		t.Fatalf("log has %d lines, want %d:\n%s", len(lines), len(wants), log.String())
	}
	for i, want := range wants {
		if !strings.Contains(lines[i], want) {
			t.Errorf("log line %d %q lacks %q", i+1, lines[i], want)
		}
	}

	// The same start twice is the same run; interrupted and resumed, too.
	straight, again, split := t.TempDir(), t.TempDir(), t.TempDir()
	for _, out := range []string{straight, again} {
		if err := newTrainer(t, c, Options{Out: out, InitFrom: from}).Run(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first := newTrainer(t, c, Options{Out: split, InitFrom: from, Hooks: afterStep(func(step int) {
		if step == 3 {
			cancel()
		}
	})})
	if err := first.Run(ctx); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("interrupted run: got %v", err)
	}
	if err := newTrainer(t, c, Options{Out: split, Resume: true}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	final := filepath.Join("step-000008", runfolder.ModelFile)
	a := readFile(t, filepath.Join(straight, final))
	if !bytes.Equal(a, readFile(t, filepath.Join(again, final))) {
		t.Error("two runs from the same --init-from and seed differ")
	}
	if !bytes.Equal(a, readFile(t, filepath.Join(split, final))) {
		t.Error("an --init-from run interrupted and resumed differs from the straight run")
	}
}

// TestInitFromSameSenses: a head trained on the new data's very senses is kept.
func TestInitFromSameSenses(t *testing.T) {
	from, c := newWord(t)
	bark := t.TempDir()
	if err := newTrainer(t, c, Options{Out: bark, InitFrom: from}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	newTrainer(t, c, Options{Out: t.TempDir(), InitFrom: bark, Log: &log})
	if !strings.Contains(log.String(), "kept the sense head") || strings.Contains(log.String(), "started fresh") || strings.Contains(log.String(), "added") {
		t.Errorf("log %q: want the sense head kept and no words added", log.String())
	}
}
