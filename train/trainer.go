// Package train runs the training loop: batches from data, a step of the model
// and the optimizer, then hooks for logging, validation and checkpoints. A run
// is deterministic by its seed and resumes exactly from any checkpoint.
package train

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/corpus"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/modelfile"
	"github.com/attendlab/attend/optim"
	"github.com/attendlab/attend/runfolder"
)

// ErrResumeInitFrom refuses --resume with --init-from.
var ErrResumeInitFrom = errors.New("--resume and --init-from exclude each other: a resumed run keeps its own weights")

// Options are the choices of one invocation that are not part of the config.
type Options struct {
	Out      string    // run folder (default: the config's checkpoint.dir)
	Resume   bool      // continue from Out/latest
	InitFrom string    // start from the weights of a run folder, step folder or .safetensors file
	Log      io.Writer // progress and messages (stderr)
	Progress bool      // draw a progress bar rather than log lines
	// Hooks run after the built-in ones (log, progress bar, validation,
	// saving); tests use them to interrupt.
	Hooks []Hook
}

// Trainer holds everything a run changes.
type Trainer struct {
	Cfg   *configs.Config
	Opts  Options
	Data  *data.Dataset
	Model *model.Model
	Step  int

	probe   *prober
	opt     *graph.Optimizer[float32] // the model's trainable parameters and their optimizer
	sched   optim.Schedule
	batches *data.Batcher
	src     *rand.PCG // dropout masks
	rng     *rand.Rand
	best    runfolder.Best
	encoder encoderGroup // encoder_lr, freeze_steps
}

// New prepares a run: data, model, optimizer and batches, restored from the
// run folder's latest checkpoint when resuming.
func New(c *configs.Config, o Options) (*Trainer, error) {
	if o.Out == "" {
		o.Out = c.Checkpoint.Dir
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if err := runfolder.CheckLock(o.Out); err != nil {
		return nil, err
	}
	own := *c // the run's copy, with absolute data paths
	c = &own
	if err := c.Data.AbsPaths(); err != nil {
		return nil, err
	}
	tr := &Trainer{Cfg: c, Opts: o}
	var saved *runfolder.Checkpoint
	var init *modelfile.File
	var vocab []string
	var err error
	switch {
	case o.Resume && o.InitFrom != "":
		return nil, ErrResumeInitFrom
	case o.Resume:
		if saved, err = runfolder.Latest(o.Out); err != nil {
			return nil, fmt.Errorf("--resume: %w; %s", err, resumeHint(o.Out))
		}
		if err := tr.checkCompatible(saved); err != nil {
			return nil, err
		}
		vocab = saved.Model.Vocab
	default:
		// Step folders without latest are a run killed while naming its
		// first checkpoint: --resume has nothing to go on, so a fresh start
		// (the same steps, saved again) is allowed.
		if steps, err := checkpoint.Steps(o.Out); err == nil && len(steps) > 0 {
			if _, err := checkpoint.Latest(o.Out); err == nil {
				return nil, usedFolder(o.Out, steps[len(steps)-1])
			}
		}
		if o.InitFrom != "" {
			loaded, err := runfolder.Open(o.InitFrom) // a run folder, step folder or .safetensors file
			if err != nil {
				return nil, fmt.Errorf("--init-from: %w", runfolder.ExplainMissing(err, "--init-from", o.InitFrom))
			}
			if from, to := loaded.Config.Data.UsesWordPiece(), c.Data.UsesWordPiece(); from != to {
				return nil, fmt.Errorf("--init-from %s: its vocabulary is of %s, but data.tokenizer is %q; set data.tokenizer as it was trained", o.InitFrom, tokensOf(from), c.Data.Tokenizer)
			}
			init = loaded.File
			vocab = init.Vocab // token ids must mean what they meant to the saved model
		}
	}
	load := data.Load
	if init != nil {
		load = data.LoadFrom // the new data's words join the file's vocabulary
	}
	opts, err := corpus.Options(c)
	if err != nil {
		return nil, err
	}
	d, err := load(opts, vocab)
	if err != nil {
		return nil, err
	}
	tr.Data = d
	if err := checkSenses(c, d); err != nil {
		return nil, err
	}
	tr.summarise(init != nil)
	if err := tr.build(); err != nil {
		return nil, err
	}
	if saved != nil {
		return tr, tr.restore(saved)
	}
	if init != nil {
		if err := tr.initFrom(o.InitFrom, init); err != nil {
			return nil, err
		}
	}
	return tr, nil
}

// tokensOf names what a vocabulary holds.
func tokensOf(wordPiece bool) string {
	if wordPiece {
		return "WordPiece pieces (data.tokenizer wordpiece)"
	}
	return "words (data.tokenizer word)"
}

// resumeHint says what to do when the latest checkpoint cannot be resumed:
// with other step folders, name one in latest; with none, start afresh.
func resumeHint(dir string) string {
	steps, err := checkpoint.Steps(dir)
	if err != nil || len(steps) == 0 {
		return "start the run without --resume first"
	}
	latest, _ := checkpoint.Latest(dir)
	var names []string
	for _, s := range steps {
		if n := checkpoint.StepName(s); n != filepath.Base(latest) {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "no other checkpoint is left; start the run again in a new --out"
	}
	return fmt.Sprintf("to resume from another checkpoint (%s), write its folder name into %s", strings.Join(names, ", "), filepath.Join(dir, checkpoint.LatestFile))
}

// maskedRows is the most tokens a batch masks and so the rows the
// masked-LM head reads (data.MaxMasked); 0 when the objective has no
// masked LM.
func maskedRows(c *configs.Config) int {
	if !c.UsesMLM() {
		return 0
	}
	return data.MaxMasked(c.Train.BatchSize*c.Model.MaxLen, c.Data.MaskProb)
}

// headSenses are the sense head's classes: none when the objective trains
// no senses. The model's head and the checkpoint's sense list both follow it.
func (tr *Trainer) headSenses() []string {
	if !tr.Cfg.UsesSense() {
		return nil
	}
	return tr.Data.Senses
}

func (tr *Trainer) build() error {
	c := tr.Cfg
	mc := model.Config{Shape: c.Model, Vocab: tr.Data.Vocab.Len(), Senses: len(tr.headSenses()), MLMHead: c.UsesMLM()}
	seed := uint64(c.Train.Seed)
	o := modelfile.Init(c.Train)
	o.Dtype, o.Loss, o.Grad = graph.Float32, c.Heads(), true
	o.Weights = map[string]float64{"contrast": c.Train.Contrast}
	o.MaxMaskedRows = maskedRows(c)
	var err error
	tr.Model, err = model.New(mc, c.Train.BatchSize, c.Model.MaxLen, o)
	if err != nil {
		return err
	}
	if tr.probe, err = newProber(c, tr.Data, tr.Model); err != nil {
		return err
	}
	ac := optim.AdamConfig{Beta1: c.Train.Betas[0], Beta2: c.Train.Betas[1], Eps: c.Train.Eps, WeightDecay: c.Train.WeightDecay}
	var opt optim.Optimizer[float32]
	switch c.Train.Optimizer {
	case configs.SGD:
		opt = optim.NewSGD[float32](optim.SGDConfig{Momentum: c.Train.Momentum, WeightDecay: c.Train.WeightDecay})
	case configs.Adam:
		opt = optim.NewAdam[float32](ac)
	case configs.AdamW:
		opt = optim.NewAdamW[float32](ac)
	default:
		return c.Errorf("train.optimizer", "unknown optimizer %q", c.Train.Optimizer)
	}
	if tr.opt, err = graph.NewOptimizer(tr.Model.G, opt); err != nil {
		return err
	}
	if tr.sched, err = optim.NewSchedule(string(c.Train.Schedule), c.Train.LR, c.Train.MinLR, c.Train.Warmup, c.Train.Steps); err != nil {
		return c.Errorf("train.schedule", "%v", err)
	}
	mask := data.MaskConfig{UnkProb: c.Data.WordDropout, MaxPerBatch: maskedRows(c)}
	if c.UsesMLM() {
		mask.Prob = c.Data.MaskProb
	}
	if tr.batches, err = data.NewBatcher(tr.Data.Train, tr.Data.Vocab, tr.Data.Senses, c.Train.BatchSize, c.Model.MaxLen, mask, seed); err != nil {
		return c.Errorf("model.max_len", "training split: %v", err)
	}
	tr.src = rand.NewPCG(seed, 0x64726f70) // "drop"
	tr.rng = rand.New(tr.src)
	tr.best = runfolder.Best{Step: -1}
	tr.encoder = tr.newEncoderGroup()
	return nil
}

// step runs one optimizer update and returns what it measured.
func (tr *Trainer) step() (StepInfo, error) {
	b := tr.batches.Next()
	r, err := tr.Model.Run(b, true, tr.rng)
	if err != nil {
		return StepInfo{}, fmt.Errorf("training: %w", err)
	}
	norm, err := tr.opt.ClipGradNorm(tr.Cfg.Train.Clip)
	if err != nil {
		return StepInfo{}, err
	}
	if math.IsNaN(norm) || norm > 1e30 {
		return StepInfo{}, errors.New("gradient norm is not finite")
	}
	lr := tr.sched.LR(tr.Step + 1)
	f := tr.encoderFactor(tr.Step + 1)
	tr.encoder.before(tr, f)
	if err := tr.opt.Step(lr); err != nil {
		return StepInfo{}, err
	}
	tr.encoder.after(tr, f)
	tr.Step++
	tokens := 0
	for _, p := range b.Pad {
		if !p {
			tokens++
		}
	}
	return StepInfo{Step: tr.Step, Result: r, LR: lr, GradNorm: norm, Tokens: tokens}, nil
}
