// Package runfolder is the layout of a training run's folder: the files of a
// checkpoint, the state an exact resume needs, and reading a checkpoint back.
// train writes it and inspect reads it; checkpoint does the atomic saving of
// step-NNNNNN folders and the latest file underneath.
//
//	run/
//	  metrics.jsonl, loss.png
//	  latest
//	  step-000200/  model.safetensors  optimizer.safetensors  state.json
//	                tokenizer.json (data.tokenizer wordpiece: Hugging Face's format)
package runfolder

import (
	"encoding/json"
	"fmt"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/modelfile"
)

// Files of a run folder (MetricsFile, LossPlot) and of each of its checkpoint
// folders (ModelFile, OptimizerFile; state.json is checkpoint's manifest).
// Checkpoints written before OptimizerFile hold OptimizerJSONFile instead.
const (
	ModelFile         = "model.safetensors"
	OptimizerFile     = "optimizer.safetensors"
	OptimizerJSONFile = "optimizer.json"
	MetricsFile       = "metrics.jsonl"
	LossPlot          = "loss.png"
	TokenizerFile     = "tokenizer.json"
)

// Best is the checkpoint with the lowest validation loss so far; Step -1
// before any validated checkpoint.
type Best struct {
	Step int     `json:"step"`
	Loss float64 `json:"loss"`
}

// State is the "state" of state.json: everything besides the weights and the
// optimizer moments that an exact resume needs, and what produced it.
type State struct {
	Step       int               `json:"step"`
	DropoutRNG []byte            `json:"dropout_rng"`
	Cursor     data.Cursor       `json:"data_cursor"`
	Config     *configs.Config   `json:"config"`
	ConfigHash string            `json:"config_hash"`
	Best       Best              `json:"best"`
	Validation *Validation       `json:"validation,omitempty"` // the latest, possibly of an earlier step
	Versions   map[string]string `json:"versions"`
}

// Checkpoint is one checkpoint folder read back.
type Checkpoint struct {
	Folder    string
	State     State
	Model     *modelfile.File
	Optimizer []byte // the optimizer state as saved (nil when absent); train decodes it
	// OptimizerName is the file Optimizer came from: OptimizerFile, or
	// OptimizerJSONFile in an older checkpoint.
	OptimizerName string
}

// Save writes a checkpoint of st.Step into the run folder dir and points
// latest at it; model and optimizer are the encoded files, tokenizer the
// WordPiece vocabulary as Hugging Face's tokenizer.json (nil: none, a word
// run).
func Save(dir string, st State, modelFile, optimizer, tokenizer []byte) (string, error) {
	files := map[string][]byte{ModelFile: modelFile, OptimizerFile: optimizer}
	if tokenizer != nil {
		files[TokenizerFile] = tokenizer
	}
	return checkpoint.Save(dir, st.Step, files, st)
}

// Read loads and checks one checkpoint folder.
func Read(folder string) (*Checkpoint, error) {
	files, raw, err := checkpoint.Load(folder)
	if err != nil {
		return nil, err
	}
	c := &Checkpoint{Folder: folder}
	for _, name := range []string{OptimizerFile, OptimizerJSONFile} {
		if b, ok := files[name]; ok {
			c.Optimizer, c.OptimizerName = b, name
			break
		}
	}
	if c.State, err = decodeState(raw); err != nil {
		return nil, fmt.Errorf("load checkpoint %s: state.json: %w", folder, err)
	}
	mb, ok := files[ModelFile]
	if !ok {
		return nil, fmt.Errorf("load checkpoint %s: no %s", folder, ModelFile)
	}
	if c.Model, err = modelfile.DecodeFile(mb, folder+"/"+ModelFile); err != nil {
		return nil, err
	}
	return c, nil
}

// decodeState reads the "state" of a state.json; its config must be one
// train could have run, since a model is built from it.
func decodeState(raw []byte) (State, error) {
	var st State
	if err := json.Unmarshal(raw, &st); err != nil {
		return State{}, err
	}
	if st.Config == nil {
		return State{}, fmt.Errorf("no config")
	}
	if err := st.Config.Validate(); err != nil {
		return State{}, fmt.Errorf("config: %w", err)
	}
	if st.Step < 0 {
		return State{}, fmt.Errorf("negative step %d", st.Step)
	}
	return st, nil
}

// Latest loads the checkpoint the run folder's latest file names. A train
// writing into dir may prune that folder while it is read; then latest
// names a newer one, which is read instead.
func Latest(dir string) (*Checkpoint, error) {
	folder, err := checkpoint.Latest(dir)
	for try := 0; ; try++ {
		if err != nil {
			return nil, err
		}
		c, err := Read(folder)
		if err == nil || try == 3 {
			return c, err
		}
		now, lerr := checkpoint.Latest(dir)
		if lerr != nil || now == folder {
			return nil, err
		}
		folder = now
	}
}

// Loaded is a trained model read back for inspection.
type Loaded struct {
	Path   string          // the checkpoint folder or .safetensors file read
	Step   int             // training step; -1 for a bare .safetensors file
	Config *configs.Config // the run's config; for a bare file, the built-in one with the file's model section and run
	File   *modelfile.File // weights, vocabulary, sense labels
	// Defaults is true for a bare file that does not record its run: its
	// seed and data section are the built-in config's.
	Defaults bool
}

// Open reads a run folder (its latest checkpoint), a step-NNNNNN folder or a
// .safetensors file with attend metadata.
func Open(path string) (*Loaded, error) {
	kind, resolved, err := checkpoint.Resolve(path)
	if err != nil {
		return nil, err
	}
	if kind == checkpoint.SafetensorsFile {
		f, err := modelfile.ReadFile(resolved)
		if err != nil {
			return nil, err
		}
		c, err := configs.Default()
		if err != nil {
			return nil, err
		}
		c.Model = f.Model
		if f.Run != nil {
			c.Train.Seed, c.Train.EmbedStd, c.Data = f.Run.Seed, f.Run.EmbedStd, f.Run.Data
		}
		return &Loaded{Path: resolved, Step: -1, Config: c, File: f, Defaults: f.Run == nil}, nil
	}
	read := Read
	if kind == checkpoint.RunDir {
		resolved = path
		read = Latest
	}
	c, err := read(resolved)
	if err != nil {
		return nil, err
	}
	return &Loaded{Path: c.Folder, Step: c.State.Step, Config: c.State.Config, File: c.Model}, nil
}

// Prune deletes old checkpoint folders of dir, keeping the newest keep, the
// best and the latest.
func Prune(dir string, keep int, best Best) error {
	var protect []string
	if best.Step >= 0 {
		protect = append(protect, checkpoint.StepName(best.Step))
	}
	return checkpoint.Prune(dir, keep, protect...)
}
