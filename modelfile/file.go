// Package modelfile is attend's model file: a model's weights in
// safetensors with its shape, vocabulary, sense labels and training run as
// metadata. It sits above model, which knows no file format.
package modelfile

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/layers"
	"github.com/attendlab/attend/model"
)

// Format is the value of the "format" metadata key of attend's model files.
const Format = "attend/v1"

// Tensors returns every parameter in PyTorch's name, shape and layout, as float32.
func Tensors(m *model.Model) map[string]checkpoint.Tensor {
	out := map[string]checkpoint.Tensor{}
	for _, p := range m.G.Params() {
		out[p.Name] = tensorOf(p)
	}
	return out
}

func tensorOf(p *graph.Param) checkpoint.Tensor {
	v := p.Torch()
	f := make([]float32, len(v))
	for i, x := range v {
		f[i] = float32(x)
	}
	return checkpoint.Tensor{Shape: append([]int(nil), p.Shape...), Data: f}
}

// Known returns a copy of ts without the tensors of the heads m does not
// build. Files written before heads were built only when used carry a sense
// run's masked-LM head, never trained: resuming such a run drops it.
func Known(m *model.Model, ts map[string]checkpoint.Tensor) map[string]checkpoint.Tensor {
	ts = maps.Clone(ts)
	for name, h := range map[string]*layers.Linear{model.MLMHeadName: m.MLMHead, model.SenseHeadName: m.SenseHead} {
		if h != nil {
			continue
		}
		for n := range ts {
			if strings.HasPrefix(n, name+".") {
				delete(ts, n)
			}
		}
	}
	return ts
}

// Load copies tensors into the model's parameters. A missing or extra name, or
// a shape that differs, is an error naming the parameter.
func Load(m *model.Model, ts map[string]checkpoint.Tensor) error {
	for _, name := range slices.Sorted(maps.Keys(ts)) {
		if _, ok := m.G.Param(name); !ok {
			return fmt.Errorf("model: tensor %q is not a parameter of this model", name)
		}
	}
	for _, p := range m.G.Params() {
		t, ok := ts[p.Name]
		if !ok {
			return fmt.Errorf("model: parameter %q is missing", p.Name)
		}
		if !slices.Equal(t.Shape, p.Shape) {
			return fmt.Errorf("model: parameter %q has shape %v, the file has %v", p.Name, p.Shape, t.Shape)
		}
		v := make([]float64, len(t.Data))
		for i, x := range t.Data {
			v[i] = float64(x)
		}
		if err := p.SetTorch(v); err != nil {
			return err
		}
	}
	return nil
}

// File is a model file's content: the model section of the config, the
// vocabulary (index = token id), the sense labels and the weights.
type File struct {
	Model   arch.Shape
	Vocab   []string
	Senses  []string
	Tensors map[string]checkpoint.Tensor
	// Run is the training run that saved the file (its seed and data), so a
	// bare model file can be evaluated on its own data; nil when the file does
	// not say (one exported from PyTorch, say).
	Run *TrainingRun
}

// TrainingRun is what a model file records of the run that trained it: what set its
// initial weights (the untrained baseline) and its data section.
type TrainingRun struct {
	Seed int64 `json:"train_seed"`
	// EmbedStd is train.embed_std; files written before it was recorded read
	// 0, nn.Embedding's 1, which is what they were trained from.
	EmbedStd float64      `json:"embed_std,omitempty"`
	Data     configs.Data `json:"data"`
}

// runKey is the optional metadata key holding TrainingRun as JSON.
const runKey = "run"

// Config is the model the file describes: its shape, and the heads its
// tensors include.
func (f *File) Config() model.Config {
	_, mlm := f.Tensors[layers.WeightName(model.MLMHeadName)]
	return model.Config{Shape: f.Model, Vocab: len(f.Vocab), Senses: len(f.Senses), MLMHead: mlm}
}

// Encode returns the model as safetensors bytes with attend's metadata: format,
// config (its shape, the YAML model keys as JSON), vocab and senses (JSON
// arrays), and run (JSON) when not nil.
func Encode(m *model.Model, vocab, senses []string, run *TrainingRun) ([]byte, error) {
	cfgJSON, err := m.Config.Shape.JSON()
	if err != nil {
		return nil, err
	}
	vocabJSON, err := json.Marshal(vocab)
	if err != nil {
		return nil, err
	}
	if senses == nil {
		senses = []string{}
	}
	sensesJSON, err := json.Marshal(senses)
	if err != nil {
		return nil, err
	}
	meta := map[string]string{"format": Format, "config": string(cfgJSON), "vocab": string(vocabJSON), "senses": string(sensesJSON)}
	if run != nil {
		b, err := json.Marshal(run)
		if err != nil {
			return nil, err
		}
		meta[runKey] = string(b)
	}
	return checkpoint.EncodeSafetensors(Tensors(m), meta)
}

// ReadFile loads a safetensors model file with attend's metadata (for example
// one exported from PyTorch).
func ReadFile(path string) (*File, error) {
	ts, meta, err := checkpoint.ReadSafetensors(path)
	if err != nil {
		return nil, err
	}
	return fromParts(ts, meta, path)
}

// DecodeFile parses model-file bytes read from a checkpoint folder; name is
// used in errors.
func DecodeFile(b []byte, name string) (*File, error) {
	ts, meta, err := checkpoint.DecodeSafetensors(b)
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", name, err)
	}
	return fromParts(ts, meta, name)
}

// fromParts checks the metadata. The senses key is optional: without it, the
// sense head's classes are numbered.
func fromParts(ts map[string]checkpoint.Tensor, meta map[string]string, path string) (*File, error) {
	var err error
	bad := func(format string, a ...any) error {
		return fmt.Errorf("load model %s: %s", path, fmt.Sprintf(format, a...))
	}
	if meta["format"] != Format {
		return nil, bad("metadata format is %q, want %q", meta["format"], Format)
	}
	f := &File{Tensors: ts}
	if f.Model, err = arch.FromJSON([]byte(meta["config"])); err != nil {
		return nil, bad("metadata config: %v", err)
	}
	if err := json.Unmarshal([]byte(meta["vocab"]), &f.Vocab); err != nil {
		return nil, bad("metadata vocab: %v", err)
	}
	if s, ok := meta["senses"]; ok {
		if err := json.Unmarshal([]byte(s), &f.Senses); err != nil {
			return nil, bad("metadata senses: %v", err)
		}
	} else if w, ok := ts[layers.WeightName(model.SenseHeadName)]; ok && len(w.Shape) == 2 {
		for i := 0; i < w.Shape[0]; i++ {
			f.Senses = append(f.Senses, fmt.Sprintf("sense%d", i))
		}
	}
	if r, ok := meta[runKey]; ok {
		f.Run = &TrainingRun{}
		if err := json.Unmarshal([]byte(r), f.Run); err != nil {
			return nil, bad("metadata %s: %v", runKey, err)
		}
	}
	if err := f.Config().Validate(); err != nil {
		return nil, bad("%v", err)
	}
	if err := f.check(); err != nil {
		return nil, bad("%v", err)
	}
	return f, nil
}

// check builds the model the metadata describes, its parameters limited to
// the values the file holds, and loads the tensors into it: a damaged or
// foreign config is an error naming a parameter, not an allocation of whatever
// size it claims.
func (f *File) check() error {
	held := 0
	for _, t := range f.Tensors {
		held += len(t.Data)
	}
	m, err := model.New(f.Config(), 1, 1, model.Options{MaxParams: max(held, 1)})
	if err != nil {
		return fmt.Errorf("the config asks for more than the file holds: %w", err)
	}
	return Load(m, f.Tensors)
}

// Init is the part of model.Options that sets a run's initial weights, from
// its train section: what training starts from and what eval's untrained
// baseline rebuilds (TrainingRun records the same two values).
func Init(t configs.Train) model.Options {
	return model.Options{Seed: uint64(t.Seed), EmbedStd: t.EmbedStd}
}
