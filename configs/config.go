// Package configs holds the run configurations of attend: the YAML files
// themselves (embedded, so the binaries run from any folder) and the Go
// schema that parses, validates and overrides them.
//
// A configuration is read strictly: unknown keys, wrong types and impossible
// values are errors that name the key path and, when the value came from a
// file, the file and line, e.g.
//
//	configs/bank.yaml:6: model.heads: d_model 64 is not divisible by heads 5
package configs

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/attendlab/attend/arch"
)

// files holds the shipped configurations. Embedding them lets
// `--config configs/bank.yaml` work from any working directory.
//
//go:embed *.yaml
var files embed.FS

// DefaultName is the embedded configuration returned by Default and used as
// the base that every parsed file overrides.
const DefaultName = "bank.yaml"

// Config is one training run. The yaml and json tags are the key names of
// the files; json is used for checkpoint metadata and Hash. What each key
// means is said once, in keydoc.go (rendered as docs/configuration.md).
type Config struct {
	Model      arch.Shape `yaml:"model" json:"model"`
	Data       Data       `yaml:"data" json:"data"`
	Objective  Objective  `yaml:"objective" json:"objective"`
	Train      Train      `yaml:"train" json:"train"`
	Checkpoint Checkpoint `yaml:"checkpoint" json:"checkpoint"`

	// name is the file the config was parsed from (for messages).
	name string
	// src maps a key path such as "train.steps" to where its value came
	// from ("configs/bank.yaml:27" or `set "train.steps=5"`), so that
	// Validate can point at the line to fix.
	src map[string]string
	// loadedWarmup is the warmup as the file (or the default under it) gave
	// it, before FitWarmup fitted it to the steps; hasLoaded is false for a
	// config that was not parsed from YAML (a resumed run's saved one).
	loadedWarmup int
	hasLoaded    bool
}

// Data says where sentences come from and how they are masked.
type Data struct {
	Corpus          Corpus   `yaml:"corpus" json:"corpus"`
	TrainFile       string   `yaml:"train_file" json:"train_file"`
	HeldoutFile     string   `yaml:"heldout_file" json:"heldout_file"`
	Words           []string `yaml:"words" json:"words"`
	TrainPerSense   int      `yaml:"train_per_sense" json:"train_per_sense"`
	HeldoutPerSense int      `yaml:"heldout_per_sense" json:"heldout_per_sense"`
	// WordNet is left out of JSON when 0, so that model files of runs
	// without it read as they did before the key.
	WordNet     int     `yaml:"wordnet" json:"wordnet,omitempty"`
	MinCount    int     `yaml:"min_count" json:"min_count"`
	Seed        int64   `yaml:"seed" json:"seed"`
	MaskProb    float64 `yaml:"mask_prob" json:"mask_prob"`
	WordDropout float64 `yaml:"word_dropout" json:"word_dropout"`
	// Tokenizer and VocabSize are left out of JSON when empty, so that model
	// files of word runs read as they did before the keys (see Recorded).
	Tokenizer Tokenizer `yaml:"tokenizer" json:"tokenizer,omitempty"`
	VocabSize int       `yaml:"vocab_size" json:"vocab_size,omitempty"`
}

// Tokenizer names how words become the model's tokens.
type Tokenizer string

// The tokenizers, in the order messages list them. An empty Tokenizer (a
// config saved before the key) is Word.
const (
	Word      Tokenizer = "word"      // one token per word; words outside the vocabulary read as [UNK]
	WordPiece Tokenizer = "wordpiece" // BERT's WordPiece pieces of each word, learned from the training split
)

// Tokenizers lists the allowed tokenizers.
var Tokenizers = []Tokenizer{Word, WordPiece}

// UsesWordPiece reports whether words are split into WordPiece pieces.
func (d Data) UsesWordPiece() bool { return d.Tokenizer == WordPiece }

// Recorded is d as a model file records it: with the word tokenizer,
// data.tokenizer and data.vocab_size are left out (absent = word), so a word
// run's file is the one it was before those keys existed.
func (d Data) Recorded() Data {
	if !d.UsesWordPiece() {
		d.Tokenizer, d.VocabSize = "", 0
	}
	return d
}

// AbsPaths makes the corpus file names absolute, resolved against the working
// folder as a run reads them, so the config saved with a checkpoint finds its
// data from any folder.
func (d *Data) AbsPaths() error {
	for _, p := range []*string{&d.TrainFile, &d.HeldoutFile} {
		if *p == "" || filepath.IsAbs(*p) {
			continue
		}
		abs, err := filepath.Abs(*p)
		if err != nil {
			return fmt.Errorf("data file %s: %w", *p, err)
		}
		*p = abs
	}
	return nil
}

// Train is the optimisation schedule.
type Train struct {
	Steps       int        `yaml:"steps" json:"steps"`
	BatchSize   int        `yaml:"batch_size" json:"batch_size"`
	Optimizer   Optimizer  `yaml:"optimizer" json:"optimizer"`
	LR          float64    `yaml:"lr" json:"lr"`
	Betas       [2]float64 `yaml:"betas" json:"betas"`
	Eps         float64    `yaml:"eps" json:"eps"`
	Momentum    float64    `yaml:"momentum" json:"momentum"`
	Schedule    Schedule   `yaml:"schedule" json:"schedule"`
	Warmup      int        `yaml:"warmup" json:"warmup"`
	MinLR       float64    `yaml:"min_lr" json:"min_lr"`
	WeightDecay float64    `yaml:"weight_decay" json:"weight_decay"`
	Clip        float64    `yaml:"clip" json:"clip"`
	Contrast    float64    `yaml:"contrast" json:"contrast"`
	EncoderLR   float64    `yaml:"encoder_lr" json:"encoder_lr,omitempty"`
	FreezeSteps int        `yaml:"freeze_steps" json:"freeze_steps,omitempty"`
	EmbedStd    float64    `yaml:"embed_std" json:"embed_std"`
	Seed        int64      `yaml:"seed" json:"seed"`
	EvalEvery   int        `yaml:"eval_every" json:"eval_every"`
	LogEvery    int        `yaml:"log_every" json:"log_every"`
}

// Checkpoint says where and how often the run is saved.
type Checkpoint struct {
	Dir   string `yaml:"dir" json:"dir"`
	Every int    `yaml:"every" json:"every"`
	Keep  int    `yaml:"keep" json:"keep"`
}

// Objective is what the run trains: the masked-language head, the sense
// classifier or both.
type Objective string

// The objectives, in the order messages list them.
const (
	MLM      Objective = "mlm"
	Sense    Objective = "sense"
	MLMSense Objective = "mlm+sense"
)

// Objectives lists the allowed objectives.
var Objectives = []Objective{MLM, Sense, MLMSense}

// Corpus is where the sentences come from.
type Corpus string

// The corpora, in the order messages list them.
const (
	Builtin Corpus = "builtin" // the generated word-sense corpus
	Files   Corpus = "files"   // data.train_file and data.heldout_file
)

// Corpora lists the allowed corpora.
var Corpora = []Corpus{Builtin, Files}

// Optimizer names the update rule.
type Optimizer string

// The optimizers, in the order messages list them.
const (
	SGD   Optimizer = "sgd"
	Adam  Optimizer = "adam"
	AdamW Optimizer = "adamw"
)

// Optimizers lists the allowed optimizers.
var Optimizers = []Optimizer{SGD, Adam, AdamW}

// Schedule names the learning-rate schedule, as optim.NewSchedule takes it.
type Schedule string

// The schedules, in the order messages list them.
const (
	ConstantLR Schedule = "constant" // the peak throughout
	CosineLR   Schedule = "cosine"   // warmup, then cosine decay to min_lr
	LinearLR   Schedule = "linear"   // warmup, then linear decay to min_lr
)

// Schedules lists the allowed schedules.
var Schedules = []Schedule{ConstantLR, CosineLR, LinearLR}

// Heads names the heads whose losses the objective trains: its parts
// between "+", each a head model registers (model.Spec.Name).
func (c Config) Heads() []string { return strings.Split(string(c.Objective), "+") }

// UsesMLM reports whether the objective trains the masked-language head.
func (c Config) UsesMLM() bool { return slices.Contains(c.Heads(), string(MLM)) }

// UsesSense reports whether the objective trains the sense classifier.
func (c Config) UsesSense() bool { return slices.Contains(c.Heads(), string(Sense)) }

// Name is the file the config was parsed from ("" when built in Go).
func (c Config) Name() string { return c.name }

// Default parses the embedded bank.yaml. Each call returns a fresh copy that
// the caller may modify.
func Default() (*Config, error) {
	data, err := Embedded(DefaultName)
	if err != nil {
		return nil, err
	}
	return parse(data, "configs/"+DefaultName, nil)
}

// Embedded returns the text of a shipped configuration such as "bank.yaml"
// or "bank_mlm.yaml".
func Embedded(name string) ([]byte, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("configs: no embedded config %q (have %s)", name, strings.Join(EmbeddedNames(), ", "))
	}
	return b, nil
}

// EmbeddedNames lists the shipped configurations.
func EmbeddedNames() []string {
	entries, _ := files.ReadDir(".") // cannot fail: "." always exists in an embed.FS
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// Hash is the SHA-256 (hex) of a canonical JSON encoding of the whole
// config, so two runs can be told apart, or recognised as the same, by
// their settings alone. Where values came from does not change it.
func (c Config) Hash() string {
	c.name, c.src = "", nil // c is a copy; origins are not settings
	if c.Data.Words == nil {
		c.Data.Words = []string{} // nil and empty mean the same: all words
	}
	b, err := json.Marshal(c)
	if err != nil {
		// Only NaN/Inf floats can fail, and Validate rejects them; hash
		// their text so the result still depends on the value.
		b = fmt.Appendf(nil, "%#v", c)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
