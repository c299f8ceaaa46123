package train

import (
	"fmt"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/model"
)

// Loaded is a trained model read back for inspection.
type Loaded struct {
	Path   string          // the checkpoint folder or .safetensors file read
	Step   int             // training step; -1 for a bare .safetensors file
	Config *configs.Config // the run's config; for a bare file, bank.yaml with the file's model section
	File   *model.File     // weights, vocabulary, sense labels
}

// MakeHint is the command that makes the default checkpoint.
const MakeHint = `make one with "go run ./cmd/train --config configs/bank.yaml"`

// LoadCheckpoint reads a run folder (its latest checkpoint), a step-NNNNNN
// folder or a .safetensors file with attend metadata.
func LoadCheckpoint(path string) (*Loaded, error) {
	kind, resolved, err := checkpoint.Resolve(path)
	if err != nil {
		return nil, fmt.Errorf("%w; %s", err, MakeHint)
	}
	if kind == checkpoint.SafetensorsFile {
		f, err := model.ReadFile(resolved)
		if err != nil {
			return nil, err
		}
		c, err := configs.Default()
		if err != nil {
			return nil, err
		}
		c.Model = f.Model
		return &Loaded{Path: resolved, Step: -1, Config: c, File: f}, nil
	}
	s, err := readCheckpoint(resolved)
	if err != nil {
		return nil, err
	}
	return &Loaded{Path: resolved, Step: s.state.Step, Config: s.state.Config, File: s.file}, nil
}
