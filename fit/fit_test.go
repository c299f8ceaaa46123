package fit_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/attendlab/attend/fit"
)

// run runs a loop of steps with the given cadences and failures, recording
// every event; cancelAt cancels the context after that step's hooks.
type run struct {
	name                    string
	done, steps             int
	validateEvery, ckptEvry int
	cancelAt, failStep      int
	failValidate, failCkpt  int
	failHook                int
	want                    string // events joined by |
	wantErr                 string
}

func (c run) events(t *testing.T) (string, error) {
	t.Helper()
	var ev []string
	add := func(format string, a ...any) { ev = append(ev, fmt.Sprintf(format, a...)) }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	l := &fit.Loop[int, string]{
		Steps: c.steps,
		Done:  c.done,
		Step: func(step int) (int, error) {
			if step == c.failStep {
				return 0, errors.New("step failed")
			}
			return step, nil
		},
		Validate: func(step int) (string, error) {
			if step == c.failValidate {
				return "", errors.New("validation failed")
			}
			return fmt.Sprint("v", step), nil
		},
		Checkpoint: func(step int, last string) (string, error) {
			if step == c.failCkpt {
				return "", errors.New("checkpoint failed")
			}
			return fmt.Sprintf("ckpt%d(%s)", step, last), nil
		},
	}
	before := fit.Hook[int, string]{OnStep: func(s int) error { add("s%d", s); return nil }}
	after := fit.Hook[int, string]{
		OnStep: func(s int) error {
			if s == c.cancelAt {
				cancel()
			}
			if s == c.failHook {
				return errors.New("hook failed")
			}
			return nil
		},
		OnValidation: func(v string) error { add("%s", v); return nil },
		OnCheckpoint: func(step int, folder string) error { add("%s", folder); return nil },
		OnEnd:        func(step int, interrupted bool) error { add("end%d/%v", step, interrupted); return nil },
	}
	l.Hooks = []fit.Hook[int, string]{before, l.ValidateEvery(c.validateEvery), l.CheckpointEvery(c.ckptEvry), after}
	err := l.Run(ctx)
	return strings.Join(ev, "|"), err
}

// TestLoop: the order of events, the cadences, resuming, interruption and
// errors, each from a hook's point of view.
func TestLoop(t *testing.T) {
	for _, c := range []run{
		{name: "plain", steps: 3, want: "s1|s2|s3|v3|ckpt3(v3)|end3/false"},
		{name: "cadences", steps: 4, validateEvery: 2, ckptEvry: 3,
			want: "s1|s2|v2|s3|v3|ckpt3(v3)|s4|v4|ckpt4(v4)|end4/false"},
		{name: "validation fails", steps: 4, validateEvery: 2, ckptEvry: 3, failValidate: 3,
			want: "s1|s2|v2|s3", wantErr: "validation failed"},
		{name: "resumed", done: 2, steps: 4, validateEvery: 1,
			want: "s3|v3|s4|v4|ckpt4(v4)|end4/false"},
		{name: "nothing left", done: 4, steps: 4, want: ""},
		{name: "interrupted: saved with the older validation", steps: 5, validateEvery: 2, cancelAt: 3,
			want: "s1|s2|v2|s3|ckpt3(v2)|end3/true", wantErr: fit.ErrInterrupted.Error()},
		{name: "step fails", steps: 5, failStep: 2, want: "s1", wantErr: "step failed"},
		{name: "hook fails", steps: 5, failHook: 2, want: "s1|s2", wantErr: "hook failed"},
		{name: "checkpoint fails", steps: 3, failCkpt: 3, want: "s1|s2|s3|v3", wantErr: "checkpoint failed"},
	} {
		got, err := c.events(t)
		if got != c.want {
			t.Errorf("%s: events %s, want %s", c.name, got, c.want)
		}
		if (err == nil) != (c.wantErr == "") || (err != nil && err.Error() != c.wantErr) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.wantErr)
		}
	}
}

// TestInterruptedIs: a cancelled run's error is ErrInterrupted for errors.Is.
func TestInterruptedIs(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	l := &fit.Loop[int, int]{Steps: 2, Step: func(s int) (int, error) { return s, nil }}
	if err := l.Run(ctx); !errors.Is(err, fit.ErrInterrupted) || l.Done != 0 {
		t.Errorf("cancelled before the first step: error %v after %d steps, want ErrInterrupted after 0", err, l.Done)
	}
}
