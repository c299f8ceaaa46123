package train

import (
	"encoding/json"
	"fmt"
	"maps"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"

	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/optim"
	"github.com/attendlab/attend/runfolder"
)

// save writes a checkpoint of the current step, then prunes old ones.
func (tr *Trainer) save(val *runfolder.Validation) (string, error) {
	senses := tr.Data.Senses
	if !tr.Cfg.UsesSense() {
		senses = nil
	}
	mb, err := tr.Model.Encode(tr.Cfg.Model, tr.Data.Vocab.Words(), senses, &model.Run{Seed: tr.Cfg.Train.Seed, Data: tr.Cfg.Data})
	if err != nil {
		return "", fmt.Errorf("save checkpoint: %w", err)
	}
	ob, err := optim.EncodeState(tr.opt.State(), tr.hyper())
	if err != nil {
		return "", fmt.Errorf("save checkpoint: %w", err)
	}
	rng, err := tr.src.MarshalBinary()
	if err != nil {
		return "", fmt.Errorf("save checkpoint: %w", err)
	}
	// Only a validation of this very step can make it the best: an older one
	// measured weights this checkpoint does not hold.
	if val != nil && val.Step == tr.Step && (tr.best.Step < 0 || val.Loss < tr.best.Loss) {
		tr.best = runfolder.Best{Step: tr.Step, Loss: val.Loss}
	}
	st := runfolder.State{Step: tr.Step, DropoutRNG: rng, Cursor: tr.batches.Cursor(), Config: tr.Cfg, ConfigHash: tr.Cfg.Hash(),
		Best: tr.best, Validation: val, Versions: versions()}
	folder, err := runfolder.Save(tr.Opts.Out, st, mb, ob)
	if err != nil {
		return "", err
	}
	return folder, runfolder.Prune(tr.Opts.Out, tr.Cfg.Checkpoint.Keep, tr.best)
}

// hyper is the optimizer's hyper-parameters, recorded in its state file.
func (tr *Trainer) hyper() map[string]string {
	t := tr.Cfg.Train
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	h := map[string]string{"lr": f(t.LR), "weight_decay": f(t.WeightDecay)}
	if t.Optimizer == "sgd" {
		h["momentum"] = f(t.Momentum)
	} else {
		h["beta1"], h["beta2"], h["eps"] = f(t.Betas[0]), f(t.Betas[1]), f(t.Eps)
	}
	return h
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
func (tr *Trainer) checkCompatible(s *runfolder.Checkpoint) error {
	old := s.State.Config
	if diff := old.Model.ShapeDiff(tr.Cfg.Model); len(diff) > 0 {
		return fmt.Errorf("--resume: the model in %s differs from the config in %v; resume with the saved config or start a new run folder", s.Folder, diff)
	}
	if fmt.Sprint(old.Data) != fmt.Sprint(tr.Cfg.Data) || old.Objective != tr.Cfg.Objective {
		return fmt.Errorf("--resume: data or objective differ from %s; an exact resume needs the same data", s.Folder)
	}
	if old.Train.BatchSize != tr.Cfg.Train.BatchSize || old.Train.Seed != tr.Cfg.Train.Seed || old.Train.Optimizer != tr.Cfg.Train.Optimizer {
		return fmt.Errorf("--resume: train.batch_size, train.seed and train.optimizer must match %s", s.Folder)
	}
	if old.Model.Dropout != tr.Cfg.Model.Dropout {
		fmt.Fprintf(tr.Opts.Log, "resume: model.dropout changed from %g to %g\n", old.Model.Dropout, tr.Cfg.Model.Dropout)
	}
	for _, ch := range changedKeys("train", old.Train, tr.Cfg.Train) {
		fmt.Fprintf(tr.Opts.Log, "resume: %s\n", ch)
	}
	for _, ch := range changedKeys("checkpoint", old.Checkpoint, tr.Cfg.Checkpoint) {
		fmt.Fprintf(tr.Opts.Log, "resume: %s\n", ch)
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
func (tr *Trainer) restore(s *runfolder.Checkpoint) error {
	if err := tr.Model.Load(s.Model.Tensors); err != nil {
		return fmt.Errorf("--resume %s: %w", s.Folder, err)
	}
	var opt optim.State
	var err error
	switch s.OptimizerName {
	case runfolder.OptimizerFile:
		opt, _, err = optim.DecodeState(s.Optimizer, runfolder.OptimizerFile)
	case runfolder.OptimizerJSONFile:
		opt, err = optim.DecodeStateJSON(s.Optimizer, runfolder.OptimizerJSONFile)
	}
	if err != nil {
		return fmt.Errorf("--resume %s: %w", s.Folder, err)
	}
	if err := tr.opt.Restore(opt, tr.params); err != nil {
		return fmt.Errorf("--resume %s: optimizer: %w", s.Folder, err)
	}
	if err := tr.batches.Restore(s.State.Cursor); err != nil {
		return fmt.Errorf("--resume %s: %w", s.Folder, err)
	}
	if err := tr.src.UnmarshalBinary(s.State.DropoutRNG); err != nil {
		return fmt.Errorf("--resume %s: dropout RNG: %w", s.Folder, err)
	}
	tr.Step = s.State.Step
	tr.best = s.State.Best
	fmt.Fprintf(tr.Opts.Log, "resumed from %s at step %d\n", s.Folder, tr.Step)
	return nil
}
