package train

import (
	"context"
	"fmt"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/fit"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/runfolder"
)

// ErrInterrupted is returned when the context is cancelled (SIGINT, SIGTERM):
// the step in flight finished and a checkpoint was written.
var ErrInterrupted = fit.ErrInterrupted

// Hook observes the training loop: logging, validation, saving and the
// progress bar are each one. Nil fields are skipped; an error stops the run.
type Hook = fit.Hook[StepInfo, *runfolder.Validation]

// StepInfo is what one optimizer step measured.
type StepInfo struct {
	Step     int // steps done, this one included
	Result   model.Result
	LR       float64
	GradNorm float64
	Tokens   int // real (non-padding) tokens in the batch
}

// Run trains until train.steps on the fit loop: after every step it logs,
// validates every eval_every steps and checkpoints every checkpoint.every
// steps; the end of a run (or an interruption) always writes a checkpoint.
func (tr *Trainer) Run(ctx context.Context) error {
	c := tr.Cfg
	if tr.Step > c.Train.Steps {
		fmt.Fprintf(tr.Opts.Log, "nothing to train: train.steps %d is below the run's step %d, and a run does not train backwards (the earlier checkpoints it kept are the step folders of %s)\n",
			c.Train.Steps, tr.Step, tr.Opts.Out)
		return nil
	}
	if tr.Step == c.Train.Steps {
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
	l := &fit.Loop[StepInfo, *runfolder.Validation]{
		Steps: c.Train.Steps,
		Done:  tr.Step,
		Step: func(step int) (StepInfo, error) {
			st, err := tr.step()
			if err != nil {
				return st, tr.failed(step, err)
			}
			return st, nil
		},
		Validate: func(step int) (*runfolder.Validation, error) {
			v, err := tr.probe.run(step)
			if err != nil {
				return nil, tr.failed(step, fmt.Errorf("validation: %w", err))
			}
			return v, nil
		},
		Checkpoint: func(step int, last *runfolder.Validation) (string, error) {
			folder, err := tr.save(last)
			if err != nil {
				return "", fmt.Errorf("checkpoint at step %d: %w", step, err)
			}
			return folder, nil
		},
	}
	if tr.Opts.Progress {
		l.Hooks = append(l.Hooks, progressHook(con, c.Train.Steps, tr.Step))
	}
	l.Hooks = append(l.Hooks, log.hook(), l.ValidateEvery(c.Train.EvalEvery), l.CheckpointEvery(c.Checkpoint.Every))
	l.Hooks = append(l.Hooks, tr.Opts.Hooks...)
	return l.Run(ctx)
}

// failed explains a step that could not finish (a NaN or Inf loss, mostly).
func (tr *Trainer) failed(step int, err error) error {
	hint := "lower train.lr, keep train.clip > 0, or add warmup"
	return fmt.Errorf("step %d: %w; %s; nothing was saved for this step, checkpoints already in %s are untouched", step, err, hint, tr.Opts.Out)
}
