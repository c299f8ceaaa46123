package train

import (
	"encoding/json"
	"fmt"
	"maps"
	"runtime"
	"runtime/debug"
	"slices"

	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/optim"
	"github.com/attendlab/attend/runfolder"
)

// save writes a checkpoint of the current step, then prunes old ones.
func (t *Trainer) save(val *runfolder.Validation) (string, error) {
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
		t.best = runfolder.Best{Step: t.Step, Loss: val.Loss}
	}
	st := runfolder.State{Step: t.Step, DropoutRNG: rng, Cursor: t.batches.Cursor(), Config: t.Cfg, ConfigHash: t.Cfg.Hash(),
		Best: t.best, Validation: val, Versions: versions()}
	folder, err := runfolder.Save(t.Opts.Out, st, mb, ob)
	if err != nil {
		return "", err
	}
	return folder, runfolder.Prune(t.Opts.Out, t.Cfg.Checkpoint.Keep, t.best)
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

// checkCompatible refuses a resume whose model shape or data differ from the
// checkpoint's, and says what else changed.
func (t *Trainer) checkCompatible(s *runfolder.Checkpoint) error {
	old := s.State.Config
	if diff := old.Model.ShapeDiff(t.Cfg.Model); len(diff) > 0 {
		return fmt.Errorf("--resume: the model in %s differs from the config in %v; resume with the saved config or start a new run folder", s.Folder, diff)
	}
	if fmt.Sprint(old.Data) != fmt.Sprint(t.Cfg.Data) || old.Objective != t.Cfg.Objective {
		return fmt.Errorf("--resume: data or objective differ from %s; an exact resume needs the same data", s.Folder)
	}
	if old.Train.BatchSize != t.Cfg.Train.BatchSize || old.Train.Seed != t.Cfg.Train.Seed || old.Train.Optimizer != t.Cfg.Train.Optimizer {
		return fmt.Errorf("--resume: train.batch_size, train.seed and train.optimizer must match %s", s.Folder)
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
func (t *Trainer) restore(s *runfolder.Checkpoint) error {
	if err := t.Model.Load(s.Model.Tensors); err != nil {
		return fmt.Errorf("--resume %s: %w", s.Folder, err)
	}
	var opt optim.State
	if s.Optimizer != nil {
		if err := json.Unmarshal(s.Optimizer, &opt); err != nil {
			return fmt.Errorf("--resume %s: %s: %w", s.Folder, runfolder.OptimizerFile, err)
		}
	}
	if err := t.opt.Restore(opt, t.params); err != nil {
		return fmt.Errorf("--resume %s: optimizer: %w", s.Folder, err)
	}
	if err := t.batches.Restore(s.State.Cursor); err != nil {
		return fmt.Errorf("--resume %s: %w", s.Folder, err)
	}
	if err := t.src.UnmarshalBinary(s.State.DropoutRNG); err != nil {
		return fmt.Errorf("--resume %s: dropout RNG: %w", s.Folder, err)
	}
	t.Step = s.State.Step
	t.best = s.State.Best
	fmt.Fprintf(t.Opts.Log, "resumed from %s at step %d\n", s.Folder, t.Step)
	return nil
}
