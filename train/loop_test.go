package train

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attendlab/attend/runfolder"
)

// TestBestIsValidated: the best checkpoint is credited only to a step whose
// validation it records. Interrupted at step 3 with validation every 2
// steps, the checkpoint of step 3 has no validation of its own.
func TestBestIsValidated(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := tiny(t, "train.eval_every=2", "checkpoint.every=0")
	tr := newTrainer(t, c, Options{Out: dir, Hooks: afterStep(func(step int) {
		if step == 3 {
			cancel()
		}
	})})
	if err := tr.Run(ctx); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("got %v, want ErrInterrupted", err)
	}
	s, err := runfolder.Read(filepath.Join(dir, "step-000003"))
	if err != nil {
		t.Fatal(err)
	}
	if b := s.State.Best; b.Step == 3 {
		t.Errorf("best = %+v: step 3 was never validated", b)
	}
}

// TestValidationLineNamesRunWords: the validation line gives the probe of
// each word of the run's data, whatever the words are.
func TestValidationLineNamesRunWords(t *testing.T) {
	var log bytes.Buffer
	c := tiny(t, "data.words=[bass]", "train.steps=2", "train.eval_every=2", "checkpoint.every=0")
	if err := newTrainer(t, c, Options{Out: t.TempDir(), Log: &log}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	var line string
	for _, l := range strings.Split(log.String(), "\n") {
		if strings.HasPrefix(l, "eval step") {
			line = l
		}
	}
	if !strings.Contains(line, "bass ") || strings.Contains(line, "bank") {
		t.Errorf("validation line %q: want the probe of bass and no bank", line)
	}
}

// afterStep is a hook that calls fn with the step after every step (after
// the built-in hooks: validation and checkpoint of that step are done).
func afterStep(fn func(step int)) []Hook {
	return []Hook{{OnStep: func(s StepInfo) error {
		fn(s.Step)
		return nil
	}}}
}

// TestHooks: the built-in hooks log with and without the progress bar, and a
// caller's hook hears every step, validation and checkpoint in order.
func TestHooks(t *testing.T) {
	for _, progress := range []bool{false, true} {
		var log bytes.Buffer
		var events []string
		mine := Hook{
			OnStep:       func(s StepInfo) error { events = append(events, fmt.Sprint("step ", s.Step)); return nil },
			OnValidation: func(v *runfolder.Validation) error { events = append(events, fmt.Sprint("val ", v.Step)); return nil },
			OnCheckpoint: func(step int, _ string) error { events = append(events, fmt.Sprint("ckpt ", step)); return nil },
			OnEnd:        func(step int, _ bool) error { events = append(events, fmt.Sprint("end ", step)); return nil },
		}
		c := tiny(t, "train.steps=3", "train.eval_every=2", "checkpoint.every=0")
		tr := newTrainer(t, c, Options{Out: t.TempDir(), Log: &log, Progress: progress, Hooks: []Hook{mine}})
		if err := tr.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		// A hook after the built-ins sees a step's validation before the step itself.
		want := "step 1|val 2|step 2|step 3|val 3|ckpt 3|end 3"
		if got := strings.Join(events, "|"); got != want {
			t.Errorf("progress %v: events %s, want %s", progress, got, want)
		}
		for _, line := range []string{"eval step 2:", "eval step 3:", "checkpoint ", "done: 3 steps"} {
			if !strings.Contains(log.String(), line) {
				t.Errorf("progress %v: log lacks %q:\n%s", progress, line, log.String())
			}
		}
	}
}
