package train

import (
	"context"
	"errors"
	"fmt"
	"github.com/attendlab/attend/runfolder"
	"time"
)

// ErrInterrupted is returned when the context is cancelled (SIGINT, SIGTERM):
// the step in flight finished and a checkpoint was written.
var ErrInterrupted = errors.New("training interrupted")

// Run trains until train.steps: after every step it logs, validates every
// eval_every steps and checkpoints every checkpoint.every steps; the end of a
// run (or an interruption) always writes a checkpoint.
func (t *Trainer) Run(ctx context.Context) error {
	c := t.Cfg
	if t.Step >= c.Train.Steps {
		fmt.Fprintf(t.Opts.Log, "already at step %d, train.steps is %d: nothing to train (raise it with --set train.steps=N)\n", t.Step, c.Train.Steps)
		return nil
	}
	rep, err := newReporter(t)
	if err != nil {
		return fmt.Errorf("run folder %s: %w", t.Opts.Out, err)
	}
	t.started = time.Now()
	var last *runfolder.Validation // the latest validation
	validate := func() error {
		if last != nil && last.Step == t.Step {
			return nil
		}
		st, err := t.probe.run(t.Model, t.Step)
		if err != nil {
			return t.failed(t.Step, fmt.Errorf("validation: %w", err))
		}
		last = st
		return rep.eval(st)
	}
	save := func() error {
		folder, err := t.save(last)
		if err != nil {
			return fmt.Errorf("checkpoint at step %d: %w", t.Step, err)
		}
		rep.println(fmt.Sprintf("checkpoint %s", folder))
		return nil
	}
	for t.Step < c.Train.Steps {
		if ctx.Err() != nil {
			if err := save(); err != nil {
				return err
			}
			rep.finish()
			return ErrInterrupted
		}
		st, err := t.step()
		if err != nil {
			return t.failed(t.Step+1, err)
		}
		if err := rep.step(st); err != nil {
			return err
		}
		if every := c.Train.EvalEvery; every > 0 && t.Step%every == 0 {
			if err := validate(); err != nil {
				return err
			}
		}
		if every := c.Checkpoint.Every; every > 0 && t.Step%every == 0 && t.Step < c.Train.Steps {
			if err := validate(); err != nil {
				return err
			}
			if err := save(); err != nil {
				return err
			}
		}
		if t.Opts.AfterStep != nil {
			t.Opts.AfterStep(t.Step)
		}
	}
	if err := validate(); err != nil {
		return err
	}
	if err := save(); err != nil {
		return err
	}
	rep.finish()
	fmt.Fprintf(t.Opts.Log, "done: %d steps in %s\n", t.Step, time.Since(t.started).Round(100*time.Millisecond))
	return nil
}

// failed explains a step that could not finish (a NaN or Inf loss, mostly).
func (t *Trainer) failed(step int, err error) error {
	hint := "lower train.lr, keep train.clip > 0, or add warmup"
	return fmt.Errorf("step %d: %w; %s; nothing was saved for this step, checkpoints already in %s are untouched", step, err, hint, t.Opts.Out)
}
