package train

import (
	"encoding/json"
	"fmt"
	"maps"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/attendlab/attend/configs"

	"github.com/attendlab/attend/modelfile"
	"github.com/attendlab/attend/optim"
	"github.com/attendlab/attend/runfolder"
)

// save writes a checkpoint of the current step, then prunes old ones.
func (tr *Trainer) save(val *runfolder.Validation) (string, error) {
	mb, err := modelfile.Encode(tr.Model, tr.Data.Vocab.Words(), tr.headSenses(), &modelfile.TrainingRun{Seed: tr.Cfg.Train.Seed, EmbedStd: tr.Cfg.Train.EmbedStd, Data: tr.Cfg.Data.Recorded()})
	if err != nil {
		return "", fmt.Errorf("save checkpoint: %w", err)
	}
	var tb []byte
	if tr.Cfg.Data.UsesWordPiece() {
		if tb, err = tr.Data.Vocab.TokenizerJSON(); err != nil {
			return "", fmt.Errorf("save checkpoint: %w", err)
		}
	}
	ob, err := runfolder.EncodeOptimizer(tr.opt.State(), tr.hyper())
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
	folder, err := runfolder.Save(tr.Opts.Out, st, mb, ob, tb)
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
	if t.Optimizer == configs.SGD {
		h["momentum"] = f(t.Momentum)
	} else {
		h["beta1"], h["beta2"], h["eps"] = f(t.Betas[0]), f(t.Betas[1]), f(t.Eps)
	}
	return h
}

// versions names what produced a checkpoint: the file format, Go, and the
// modules that compute (from the binary's build information).
func versions() map[string]string {
	v := map[string]string{"format": modelfile.Format, "go": runtime.Version()}
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

// checkCompatible refuses a resume whose config differs from the checkpoint's
// in a key an exact resume needs, naming each one, and names every other
// change it accepts.
func (tr *Trainer) checkCompatible(s *runfolder.Checkpoint) error {
	var refused []string
	for _, ch := range configDiff(s.State.Config, tr.Cfg) {
		if fixedOnResume(ch.key) {
			refused = append(refused, ch.String())
			continue
		}
		fmt.Fprintf(tr.Opts.Log, "resume: %s\n", ch)
	}
	if len(refused) > 0 {
		return fmt.Errorf("--resume: an exact resume of %s needs the values it was trained with, but %s; drop those --config/--set changes, or train into a new --out",
			s.Folder, strings.Join(refused, "; "))
	}
	return nil
}

// fixedOnResume reports whether a config key must keep its saved value for a
// resume to continue the same run: the model's shape, the data, the objective
// what set the initial weights and what orders batches and moments. Dropout,
// the schedule and the checkpoint settings may change.
func fixedOnResume(key string) bool {
	switch {
	case key == "model.dropout":
		return false
	case strings.HasPrefix(key, "model."), strings.HasPrefix(key, "data."), key == "objective":
		return true
	}
	return key == "train.batch_size" || key == "train.seed" || key == "train.embed_std" || key == "train.optimizer"
}

// change is one config key whose value differs.
type change struct{ key, from, to string }

func (c change) String() string { return fmt.Sprintf("%s changed from %s to %s", c.key, c.from, c.to) }

// configDiff lists every key (by its YAML path) whose value differs between
// two configs, in key order.
func configDiff(old, cur *configs.Config) []change {
	a, b := map[string]string{}, map[string]string{}
	flatten("", toJSON(old), a)
	flatten("", toJSON(cur), b)
	var out []change
	for _, k := range slices.Sorted(maps.Keys(a)) {
		if a[k] != b[k] {
			out = append(out, change{k, a[k], b[k]})
		}
	}
	return out
}

func toJSON(c *configs.Config) any {
	var v any
	j, _ := json.Marshal(c) // a validated config always encodes
	_ = json.Unmarshal(j, &v)
	return v
}

// flatten writes every leaf of a decoded JSON value under its dotted key.
func flatten(key string, v any, out map[string]string) {
	m, ok := v.(map[string]any)
	if !ok {
		j, _ := json.Marshal(v)
		out[key] = string(j)
		return
	}
	for k, x := range m {
		if key != "" {
			k = key + "." + k
		}
		flatten(k, x, out)
	}
}

// restore puts the weights, optimizer, data cursor and RNG of a checkpoint back.
func (tr *Trainer) restore(s *runfolder.Checkpoint) error {
	if err := modelfile.Load(tr.Model, modelfile.Known(tr.Model, s.Model.Tensors)); err != nil {
		return fmt.Errorf("--resume %s: %w", s.Folder, err)
	}
	var opt optim.State
	var err error
	switch s.OptimizerName {
	case runfolder.OptimizerFile:
		opt, _, err = runfolder.DecodeOptimizer(s.Optimizer, runfolder.OptimizerFile)
	case runfolder.OptimizerJSONFile:
		opt, err = optim.DecodeStateJSON(s.Optimizer, runfolder.OptimizerJSONFile)
	}
	if err != nil {
		return fmt.Errorf("--resume %s: %w", s.Folder, err)
	}
	if err := tr.opt.Restore(opt); err != nil {
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
