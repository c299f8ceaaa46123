package train

import (
	"encoding/json"
	"fmt"
	"maps"
	"runtime"
	"runtime/debug"
	"slices"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/optim"
)

// Files of a checkpoint folder besides state.json.
const (
	ModelFile     = "model.safetensors"
	OptimizerFile = "optimizer.json"
)

// runState is the "state" of state.json: everything besides the weights and
// the optimizer moments that an exact resume needs, and what produced it.
type runState struct {
	Step       int               `json:"step"`
	DropoutRNG []byte            `json:"dropout_rng"`
	Cursor     data.Cursor       `json:"data_cursor"`
	Config     *configs.Config   `json:"config"`
	ConfigHash string            `json:"config_hash"`
	Best       best              `json:"best"`
	Validation *EvalStats        `json:"validation,omitempty"`
	Versions   map[string]string `json:"versions"`
}

// savedState is a checkpoint read back.
type savedState struct {
	folder string
	state  runState
	file   *model.File
	opt    optim.State
}

// save writes a checkpoint of the current step, then prunes old ones.
func (t *Trainer) save(val *EvalStats) (string, error) {
	senses := t.Data.Senses
	if !t.Cfg.UsesSense() {
		senses = nil
	}
	mb, err := t.Model.Encode(t.Cfg.Model, t.Data.Vocab.Words(), senses)
	if err != nil {
		return "", fmt.Errorf("save checkpoint: %w", err)
	}
	ob, err := json.Marshal(t.opt.State())
	if err != nil {
		return "", fmt.Errorf("save checkpoint: %w", err)
	}
	rng, err := t.src.MarshalBinary()
	if err != nil {
		return "", fmt.Errorf("save checkpoint: %w", err)
	}
	// Only a validation of this very step can make it the best: an older one
	// measured weights this checkpoint does not hold.
	if val != nil && val.Step == t.Step && (t.best.Step < 0 || val.Loss < t.best.Loss) {
		t.best = best{Step: t.Step, Loss: val.Loss}
	}
	st := runState{Step: t.Step, DropoutRNG: rng, Cursor: t.batches.Cursor(), Config: t.Cfg, ConfigHash: t.Cfg.Hash(),
		Best: t.best, Validation: val, Versions: versions()}
	folder, err := checkpoint.Save(t.Opts.Out, t.Step, map[string][]byte{ModelFile: mb, OptimizerFile: ob}, st)
	if err != nil {
		return "", err
	}
	var protect []string
	if t.best.Step >= 0 {
		protect = append(protect, fmt.Sprintf("step-%06d", t.best.Step))
	}
	if err := checkpoint.Prune(t.Opts.Out, t.Cfg.Checkpoint.Keep, protect...); err != nil {
		return folder, err
	}
	return folder, nil
}

// versions names what produced a checkpoint: the file format, Go, and the
// modules that compute (from the binary's build information).
func versions() map[string]string {
	v := map[string]string{"format": model.Format, "go": runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		v["attend"] = bi.Main.Version
		for _, d := range bi.Deps {
			switch d.Path {
			case "gorgonia.org/gorgonia", "gorgonia.org/tensor":
				v[d.Path] = d.Version
			}
		}
	}
	return v
}

// readLatest loads the checkpoint DIR/latest names.
func readLatest(dir string) (*savedState, error) {
	folder, err := checkpoint.Latest(dir)
	if err != nil {
		return nil, fmt.Errorf("--resume: %w; start the run without --resume first", err)
	}
	return readCheckpoint(folder)
}

// readCheckpoint loads and checks one checkpoint folder.
func readCheckpoint(folder string) (*savedState, error) {
	files, raw, err := checkpoint.Load(folder)
	if err != nil {
		return nil, err
	}
	s := &savedState{folder: folder}
	if err := json.Unmarshal(raw, &s.state); err != nil {
		return nil, fmt.Errorf("load checkpoint %s: state.json: %w", folder, err)
	}
	if s.state.Config == nil {
		return nil, fmt.Errorf("load checkpoint %s: state.json has no config", folder)
	}
	mb, ok := files[ModelFile]
	if !ok {
		return nil, fmt.Errorf("load checkpoint %s: no %s", folder, ModelFile)
	}
	if s.file, err = model.DecodeFile(mb, folder+"/"+ModelFile); err != nil {
		return nil, err
	}
	if ob, ok := files[OptimizerFile]; ok {
		if err := json.Unmarshal(ob, &s.opt); err != nil {
			return nil, fmt.Errorf("load checkpoint %s: %s: %w", folder, OptimizerFile, err)
		}
	}
	return s, nil
}

// checkCompatible refuses a resume whose model shape or data differ from the
// checkpoint's, and says what else changed.
func (t *Trainer) checkCompatible(s *savedState) error {
	old := s.state.Config
	if diff := old.Model.ShapeDiff(t.Cfg.Model); len(diff) > 0 {
		return fmt.Errorf("--resume: the model in %s differs from the config in %v; resume with the saved config or start a new run folder", s.folder, diff)
	}
	if fmt.Sprint(old.Data) != fmt.Sprint(t.Cfg.Data) || old.Objective != t.Cfg.Objective {
		return fmt.Errorf("--resume: data or objective differ from %s; an exact resume needs the same data", s.folder)
	}
	if old.Train.BatchSize != t.Cfg.Train.BatchSize || old.Train.Seed != t.Cfg.Train.Seed || old.Train.Optimizer != t.Cfg.Train.Optimizer {
		return fmt.Errorf("--resume: train.batch_size, train.seed and train.optimizer must match %s", s.folder)
	}
	if old.Model.Dropout != t.Cfg.Model.Dropout {
		fmt.Fprintf(t.Opts.Log, "resume: model.dropout changed from %g to %g\n", old.Model.Dropout, t.Cfg.Model.Dropout)
	}
	for _, ch := range changedKeys("train", old.Train, t.Cfg.Train) {
		fmt.Fprintf(t.Opts.Log, "resume: %s\n", ch)
	}
	for _, ch := range changedKeys("checkpoint", old.Checkpoint, t.Cfg.Checkpoint) {
		fmt.Fprintf(t.Opts.Log, "resume: %s\n", ch)
	}
	return nil
}

// changedKeys lists "section.key changed from A to B" for every field of two
// config sections that differs, by their JSON (= YAML) key names.
func changedKeys(section string, old, cur any) []string {
	var a, b map[string]any
	ja, _ := json.Marshal(old)
	jb, _ := json.Marshal(cur)
	if json.Unmarshal(ja, &a) != nil || json.Unmarshal(jb, &b) != nil {
		return nil
	}
	var out []string
	for _, k := range slices.Sorted(maps.Keys(a)) {
		if fmt.Sprint(a[k]) != fmt.Sprint(b[k]) {
			out = append(out, fmt.Sprintf("%s.%s changed from %v to %v", section, k, a[k], b[k]))
		}
	}
	return out
}

// restore puts the weights, optimizer, data cursor and RNG of a checkpoint back.
func (t *Trainer) restore(s *savedState) error {
	if err := t.Model.Load(s.file.Tensors); err != nil {
		return fmt.Errorf("--resume %s: %w", s.folder, err)
	}
	if err := t.opt.Restore(s.opt, t.params); err != nil {
		return fmt.Errorf("--resume %s: optimizer: %w", s.folder, err)
	}
	if err := t.batches.Restore(s.state.Cursor); err != nil {
		return fmt.Errorf("--resume %s: %w", s.folder, err)
	}
	if err := t.src.UnmarshalBinary(s.state.DropoutRNG); err != nil {
		return fmt.Errorf("--resume %s: dropout RNG: %w", s.folder, err)
	}
	t.Step = s.state.Step
	t.best = s.state.Best
	fmt.Fprintf(t.Opts.Log, "resumed from %s at step %d\n", s.folder, t.Step)
	return nil
}
