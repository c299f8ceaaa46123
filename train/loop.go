package train

import (
	"context"
	"errors"
	"fmt"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/runfolder"
)

// ErrInterrupted is returned when the context is cancelled (SIGINT, SIGTERM):
// the step in flight finished and a checkpoint was written.
var ErrInterrupted = errors.New("training interrupted")

// Hook observes the training loop, as GoMLX's loop hooks do: logging,
// validation, saving and the progress bar are each one. Nil fields are
// skipped; an error stops the run.
type Hook struct {
	OnStep       func(s StepInfo) error
	OnValidation func(v *runfolder.Validation) error
	OnCheckpoint func(step int, folder string) error
	OnEnd        func(step int, interrupted bool) error
}

// StepInfo is what one optimizer step measured.
type StepInfo struct {
	Step     int // steps done, this one included
	Result   model.Result
	LR       float64
	GradNorm float64
	Tokens   int // real (non-padding) tokens in the batch
}

// loop runs the hooks of one Run, each event in the order of the hooks.
type loop struct {
	tr    *Trainer
	hooks []Hook
	last  *runfolder.Validation // the latest validation
}

// Run trains until train.steps: after every step it logs, validates every
// eval_every steps and checkpoints every checkpoint.every steps; the end of a
// run (or an interruption) always writes a checkpoint.
func (tr *Trainer) Run(ctx context.Context) error {
	c := tr.Cfg
	if tr.Step >= c.Train.Steps {
		folder, _ := checkpoint.Latest(tr.Opts.Out)
		fmt.Fprintf(tr.Opts.Log, "nothing to train: %s\n", finishedRun(tr.Opts.Out, folder, tr.Step))
		return nil
	}
	lock, stale, err := runfolder.Acquire(tr.Opts.Out)
	if err != nil {
		return err
	}
	defer lock.Release()
	switch {
	case stale > 0:
		fmt.Fprintf(tr.Opts.Log, "%s: took over the lock of a train that no longer runs (pid %d)\n", tr.Opts.Out, stale)
	case stale < 0:
		fmt.Fprintf(tr.Opts.Log, "%s: took over a lock file that no running train holds\n", tr.Opts.Out)
	}
	con := &console{w: tr.Opts.Log}
	log, err := newLogger(tr.Opts.Out, c, con, tr.Step)
	if err != nil {
		return fmt.Errorf("run folder %s: %w", tr.Opts.Out, err)
	}
	l := &loop{tr: tr}
	if tr.Opts.Progress {
		l.hooks = append(l.hooks, progressHook(con, c.Train.Steps, tr.Step))
	}
	l.hooks = append(l.hooks, log.hook(), l.validation(), l.saving())
	l.hooks = append(l.hooks, tr.Opts.Hooks...)
	for tr.Step < c.Train.Steps {
		if ctx.Err() != nil {
			if err := l.end(true); err != nil {
				return err
			}
			return ErrInterrupted
		}
		st, err := tr.step()
		if err != nil {
			return tr.failed(tr.Step+1, err)
		}
		for _, h := range l.hooks {
			if h.OnStep != nil {
				if err := h.OnStep(st); err != nil {
					return err
				}
			}
		}
	}
	return l.end(false)
}

// end writes the last checkpoint (validated unless interrupted: the step in
// flight is saved at once), then tells the hooks.
func (l *loop) end(interrupted bool) error {
	if err := l.save(!interrupted); err != nil {
		return err
	}
	for _, h := range l.hooks {
		if h.OnEnd != nil {
			if err := h.OnEnd(l.tr.Step, interrupted); err != nil {
				return err
			}
		}
	}
	return nil
}

// validation validates every eval_every steps.
func (l *loop) validation() Hook {
	return Hook{OnStep: func(s StepInfo) error {
		if every := l.tr.Cfg.Train.EvalEvery; every > 0 && s.Step%every == 0 {
			return l.validate()
		}
		return nil
	}}
}

// validate validates the current step once and tells the hooks.
func (l *loop) validate() error {
	tr := l.tr
	if l.last != nil && l.last.Step == tr.Step {
		return nil
	}
	v, err := tr.probe.run(tr.Step)
	if err != nil {
		return tr.failed(tr.Step, fmt.Errorf("validation: %w", err))
	}
	l.last = v
	for _, h := range l.hooks {
		if h.OnValidation != nil {
			if err := h.OnValidation(v); err != nil {
				return err
			}
		}
	}
	return nil
}

// saving checkpoints every checkpoint.every steps, each checkpoint with the
// validation of its step (the last one is end's).
func (l *loop) saving() Hook {
	tr := l.tr
	return Hook{OnStep: func(s StepInfo) error {
		if every := tr.Cfg.Checkpoint.Every; every > 0 && s.Step%every == 0 && s.Step < tr.Cfg.Train.Steps {
			return l.save(true)
		}
		return nil
	}}
}

func (l *loop) save(validate bool) error {
	tr := l.tr
	if validate {
		if err := l.validate(); err != nil {
			return err
		}
	}
	folder, err := tr.save(l.last)
	if err != nil {
		return fmt.Errorf("checkpoint at step %d: %w", tr.Step, err)
	}
	for _, h := range l.hooks {
		if h.OnCheckpoint != nil {
			if err := h.OnCheckpoint(tr.Step, folder); err != nil {
				return err
			}
		}
	}
	return nil
}

// failed explains a step that could not finish (a NaN or Inf loss, mostly).
func (tr *Trainer) failed(step int, err error) error {
	hint := "lower train.lr, keep train.clip > 0, or add warmup"
	return fmt.Errorf("step %d: %w; %s; nothing was saved for this step, checkpoints already in %s are untouched", step, err, hint, tr.Opts.Out)
}
