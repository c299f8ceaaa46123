// Package fit is a training loop for any model: it calls a step function
// until a step count, validates and checkpoints on a cadence, and tells hooks
// (logging, a progress bar, a caller's own) of every step, validation,
// checkpoint and the end, as GoMLX's loop hooks do. It knows no config file,
// data set or model: the step function, the validation and the checkpoint are
// the caller's. S is what a step reports, V what a validation does.
package fit

import (
	"context"
	"errors"
)

// ErrInterrupted is returned when the context is cancelled (SIGINT, SIGTERM):
// the step in flight finished and a checkpoint was written.
var ErrInterrupted = errors.New("training interrupted")

// Hook observes the loop. Nil fields are skipped; an error stops the run.
type Hook[S, V any] struct {
	OnStep       func(s S) error
	OnValidation func(v V) error
	OnCheckpoint func(step int, folder string) error
	OnEnd        func(step int, interrupted bool) error
}

// Loop runs steps Done+1 .. Steps. Validation and checkpoints happen at the
// end of the run (a checkpoint only, when interrupted) and where hooks made by
// ValidateEvery and CheckpointEvery are placed among Hooks: the hooks before
// such a hook hear a step before its validation, those after it the other way
// round.
type Loop[S, V any] struct {
	Steps int // the step count to reach
	Done  int // steps done before Run (a resumed run); Run advances it
	// Step runs step number step (1-based). The errors of Step, Validate and
	// Checkpoint stop the run as they are: the caller's words.
	Step func(step int) (S, error)
	// Validate, if not nil, measures the weights after step.
	Validate func(step int) (V, error)
	// Checkpoint, if not nil, saves step and returns where. last is the
	// latest validation (the zero V before any), perhaps of an earlier step.
	Checkpoint func(step int, last V) (folder string, err error)
	Hooks      []Hook[S, V]

	last      V
	validated int // the step of last; -1 before any
}

// Run trains until Steps, or until ctx is cancelled: then the step in flight
// finishes, a checkpoint is written and Run returns ErrInterrupted. With no
// step left to run it returns nil at once, telling no hook.
func (l *Loop[S, V]) Run(ctx context.Context) error {
	if l.Done >= l.Steps {
		return nil
	}
	l.validated = -1
	for l.Done < l.Steps {
		if ctx.Err() != nil {
			if err := l.end(true); err != nil {
				return err
			}
			return ErrInterrupted
		}
		s, err := l.Step(l.Done + 1)
		if err != nil {
			return err
		}
		l.Done++
		for _, h := range l.Hooks {
			if h.OnStep != nil {
				if err := h.OnStep(s); err != nil {
					return err
				}
			}
		}
	}
	return l.end(false)
}

// ValidateEvery is a hook that validates every n steps (never if n <= 0).
func (l *Loop[S, V]) ValidateEvery(n int) Hook[S, V] {
	return Hook[S, V]{OnStep: func(S) error {
		if n > 0 && l.Done%n == 0 {
			return l.validate()
		}
		return nil
	}}
}

// CheckpointEvery is a hook that checkpoints every n steps (never if n <= 0),
// each checkpoint validated first; the last step's is the end's.
func (l *Loop[S, V]) CheckpointEvery(n int) Hook[S, V] {
	return Hook[S, V]{OnStep: func(S) error {
		if n > 0 && l.Done%n == 0 && l.Done < l.Steps {
			return l.checkpoint(true)
		}
		return nil
	}}
}

// end validates and checkpoints the last step (only checkpoints it when
// interrupted: the step in flight is saved at once), then tells the hooks.
func (l *Loop[S, V]) end(interrupted bool) error {
	if err := l.checkpoint(!interrupted); err != nil {
		return err
	}
	for _, h := range l.Hooks {
		if h.OnEnd != nil {
			if err := h.OnEnd(l.Done, interrupted); err != nil {
				return err
			}
		}
	}
	return nil
}

// validate validates the current step once and tells the hooks.
func (l *Loop[S, V]) validate() error {
	if l.Validate == nil || l.validated == l.Done {
		return nil
	}
	v, err := l.Validate(l.Done)
	if err != nil {
		return err
	}
	l.last, l.validated = v, l.Done
	for _, h := range l.Hooks {
		if h.OnValidation != nil {
			if err := h.OnValidation(v); err != nil {
				return err
			}
		}
	}
	return nil
}

func (l *Loop[S, V]) checkpoint(validate bool) error {
	if validate {
		if err := l.validate(); err != nil {
			return err
		}
	}
	if l.Checkpoint == nil {
		return nil
	}
	folder, err := l.Checkpoint(l.Done, l.last)
	if err != nil {
		return err
	}
	for _, h := range l.Hooks {
		if h.OnCheckpoint != nil {
			if err := h.OnCheckpoint(l.Done, folder); err != nil {
				return err
			}
		}
	}
	return nil
}
