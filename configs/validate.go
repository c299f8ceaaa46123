package configs

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/attendlab/attend/arch"
)

// Validate reports every impossible value at once, one line each, naming
// the key and, when the value came from a file or a Set, where:
//
//	configs/bank.yaml:6: model.heads: d_model 64 is not divisible by heads 5
//
// Whether data.words names words the corpus knows is left to the data
// package, which knows the corpus.
func (c *Config) Validate() error {
	p := &problems{c: c}
	for _, pr := range c.Model.Problems() { // the shape's rules live with the shape
		p.add(pr.Key, "%s", pr.Msg)
	}
	c.Data.check(p, c)
	if !slices.Contains(Objectives, c.Objective) {
		p.add("objective", "%s", arch.OneOf(c.Objective, Objectives))
	}
	c.Train.check(p)
	c.Checkpoint.check(p)
	return errors.Join(p.errs...)
}

func (d Data) check(p *problems, c *Config) {
	switch d.Corpus {
	case Builtin:
		// A file given with the built-in corpus is almost surely a
		// forgotten `corpus: files`; silently ignoring it would train on
		// the wrong data.
		for _, kv := range [][2]string{{"data.train_file", d.TrainFile}, {"data.heldout_file", d.HeldoutFile}} {
			if kv[1] != "" {
				p.add(kv[0], "%q is set but data.corpus is builtin; set data.corpus: files to use it", kv[1])
			}
		}
		p.atLeast("data.train_per_sense", d.TrainPerSense, 1)
		p.atLeast("data.heldout_per_sense", d.HeldoutPerSense, 1)
		p.atLeast("data.wordnet", d.WordNet, 0)
	case Files:
		if d.WordNet != 0 {
			p.add("data.wordnet", "%d is set but data.corpus is files; WordNet's sentences belong to the built-in corpus (set it to 0)", d.WordNet)
		}
		d.checkFile(p, c, "data.train_file", d.TrainFile, "training")
		d.checkFile(p, c, "data.heldout_file", d.HeldoutFile, "validation")
	default:
		p.add("data.corpus", "%s", arch.OneOf(d.Corpus, Corpora))
	}
	p.atLeast("data.min_count", d.MinCount, 1)
	if d.Tokenizer != "" && !slices.Contains(Tokenizers, d.Tokenizer) { // "": a config saved before the key
		p.add("data.tokenizer", "%s", arch.OneOf(d.Tokenizer, Tokenizers))
	}
	if d.UsesWordPiece() {
		p.atLeast("data.vocab_size", d.VocabSize, 1) // the alphabet's own floor is checked where it is known (data)
	}
	if c.UsesMLM() && !(d.MaskProb > 0 && d.MaskProb < 1) {
		p.add("data.mask_prob", "must be in (0, 1) when the objective uses mlm, got %v", d.MaskProb)
	}
	if !(d.WordDropout >= 0 && d.WordDropout < 1) {
		p.add("data.word_dropout", "must be in [0, 1), got %v", d.WordDropout)
	}
}

// checkFile requires a corpus file whose format fits the objective: a .txt
// file has no sense labels, so it can only feed MLM.
func (d Data) checkFile(p *problems, c *Config, key, file, role string) {
	if strings.TrimSpace(file) == "" {
		p.add(key, "required with data.corpus files (the %s split)", role)
		return
	}
	switch ext := strings.ToLower(filepath.Ext(file)); ext {
	case ".tsv":
	case ".txt":
		if c.UsesSense() {
			p.add(key, "%q is .txt (sentences only) but objective %s needs sense labels; use a .tsv file (word<TAB>sense<TAB>sentence)", file, c.Objective)
		}
	default:
		p.add(key, "%q: want a .txt or .tsv file, got extension %q", file, ext)
	}
}

func (t Train) check(p *problems) {
	p.atLeast("train.steps", t.Steps, 1)
	p.atLeast("train.batch_size", t.BatchSize, 1)
	if !slices.Contains(Optimizers, t.Optimizer) {
		p.add("train.optimizer", "%s", arch.OneOf(t.Optimizer, Optimizers))
	}
	p.positive("train.lr", t.LR)
	for i, b := range t.Betas {
		if !(b >= 0 && b < 1) {
			p.add("train.betas", "betas[%d] must be in [0, 1), got %v", i, b)
		}
	}
	p.positive("train.eps", t.Eps)
	p.fraction("train.momentum", t.Momentum)
	if !slices.Contains(Schedules, t.Schedule) {
		p.add("train.schedule", "%s", arch.OneOf(t.Schedule, Schedules))
	}
	// Warmup and freeze_steps are compared with steps only when steps is
	// valid, so one bad steps gives one message.
	if t.Warmup < 0 || (t.Steps >= 1 && t.Warmup > t.Steps) {
		p.add("train.warmup", "must be in [0, steps=%d], got %d (e.g. --set train.warmup=%d)", t.Steps, t.Warmup, t.Steps/10)
	}
	// Compared with lr only when lr itself is valid, so one bad lr gives
	// one message.
	if !(t.MinLR >= 0) || (t.LR > 0 && !(t.MinLR < t.LR)) {
		p.add("train.min_lr", "must be in [0, lr=%v), got %v", t.LR, t.MinLR)
	}
	p.nonNegative("train.weight_decay", t.WeightDecay)
	p.nonNegative("train.clip", t.Clip)
	p.nonNegative("train.contrast", t.Contrast)
	p.nonNegative("train.embed_std", t.EmbedStd)
	p.nonNegative("train.encoder_lr", t.EncoderLR)
	if t.FreezeSteps < 0 || (t.Steps >= 1 && t.FreezeSteps > t.Steps) {
		p.add("train.freeze_steps", "must be in [0, steps=%d], got %d", t.Steps, t.FreezeSteps)
	}
	p.atLeast("train.eval_every", t.EvalEvery, 0)
	p.atLeast("train.log_every", t.LogEvery, 0)
}

func (k Checkpoint) check(p *problems) {
	if strings.TrimSpace(k.Dir) == "" {
		p.add("checkpoint.dir", "must name a folder")
	}
	p.atLeast("checkpoint.every", k.Every, 0)
	p.atLeast("checkpoint.keep", k.Keep, 1)
}

// problems collects validation errors, each prefixed with where its key
// was set.
type problems struct {
	c    *Config
	errs []error
}

func (p *problems) add(key, format string, args ...any) {
	var at string
	if p.c != nil {
		at = p.c.Where(key)
	}
	p.errs = append(p.errs, keyError(at, key, fmt.Sprintf(format, args...)))
}

func (p *problems) atLeast(key string, x, min int) {
	if x < min {
		p.add(key, "must be at least %d, got %d", min, x)
	}
}

func (p *problems) positive(key string, x float64) {
	if !(x > 0) || math.IsInf(x, 0) {
		p.add(key, "must be a positive number, got %v", x)
	}
}

func (p *problems) nonNegative(key string, x float64) {
	if !(x >= 0) || math.IsInf(x, 0) {
		p.add(key, "must be a number >= 0, got %v", x)
	}
}

// fraction checks 0 <= x < 1 (a probability that must leave something).
func (p *problems) fraction(key string, x float64) {
	if !(x >= 0 && x < 1) {
		p.add(key, "must be in [0, 1), got %v", x)
	}
}

// Where says where the value of a key path such as "train.steps" was last
// set: "configs/bank.yaml:27", `set "train.steps=5"`, the file's name alone
// for a key the file left out (its value is the default), or "" for a
// Config built in Go.
func (c Config) Where(key string) string {
	if at, ok := c.src[key]; ok {
		return at
	}
	return c.name
}

// Errorf builds an error about one key in the same form as Validate's, so
// that packages checking what this one cannot (such as data.words against
// the corpus) point at the same line:
//
//	configs/bank.yaml:18: data.words: unknown word "bass2"
func (c Config) Errorf(key, format string, args ...any) error {
	return keyError(c.Where(key), key, fmt.Sprintf(format, args...))
}

func keyError(at, key, msg string) error {
	if at == "" {
		return fmt.Errorf("%s: %s", key, msg)
	}
	return fmt.Errorf("%s: %s: %s", at, key, msg)
}
