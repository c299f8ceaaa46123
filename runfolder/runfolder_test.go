package runfolder

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/modelfile"
)

// tinyModel is a small random model file and the config it belongs to.
func tinyModel(t *testing.T) (*configs.Config, []byte) {
	t.Helper()
	c, err := configs.Default()
	if err != nil {
		t.Fatal(err)
	}
	c.Model.DModel, c.Model.Heads, c.Model.FF, c.Model.Layers = 8, 2, 16, 1
	c.Data.Seed = 3
	vocab := []string{"[PAD]", "[UNK]", "[MASK]", "[CLS]", "[SEP]", "bank", "river"}
	m, err := model.New(model.Config{Shape: c.Model, Vocab: len(vocab)}, 1, 4, model.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := modelfile.Encode(m, vocab, nil, &modelfile.TrainingRun{Seed: 5, Data: c.Data})
	if err != nil {
		t.Fatal(err)
	}
	return c, b
}

// TestSaveReadOpen: what Save writes, Read, Latest and Open read back, and
// Prune keeps the best checkpoint besides the newest.
func TestSaveReadOpen(t *testing.T) {
	c, mb := tinyModel(t)
	dir := t.TempDir()
	for step := 1; step <= 4; step++ {
		best := Best{Step: 1, Loss: 0.5}
		var tok []byte // a WordPiece run's tokenizer.json, at step 4 only
		if step == 4 {
			tok = []byte(`{"model":{}}`)
		}
		if _, err := Save(dir, State{Step: step, Config: c, Best: best}, mb, []byte(`{}`), tok); err != nil {
			t.Fatal(err)
		}
		if err := Prune(dir, 1, best); err != nil {
			t.Fatal(err)
		}
	}
	if steps, err := checkpoint.Steps(dir); err != nil || !slices.Equal(steps, []int{1, 4}) {
		t.Errorf("after pruning to 1 with best 1: steps %v, %v; want [1 4]", steps, err)
	}
	for step, want := range map[int]string{1: "", 4: `{"model":{}}`} {
		got, _ := os.ReadFile(filepath.Join(dir, checkpoint.StepName(step), TokenizerFile))
		if string(got) != want {
			t.Errorf("step %d: %s = %q, want %q", step, TokenizerFile, got, want)
		}
	}
	latest, err := Latest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if latest.State.Step != 4 || latest.State.Best.Step != 1 || string(latest.Optimizer) != "{}" || latest.Model == nil {
		t.Errorf("latest = step %d, best %+v, optimizer %q", latest.State.Step, latest.State.Best, latest.Optimizer)
	}
	bare := filepath.Join(t.TempDir(), "m.safetensors")
	if err := os.WriteFile(bare, mb, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		step int
	}{{dir, 4}, {filepath.Join(dir, checkpoint.StepName(1)), 1}, {bare, -1}} {
		l, err := Open(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		if l.Step != tc.step || l.Config.Model.DModel != 8 || l.Defaults {
			t.Errorf("Open(%s): step %d, d_model %d, defaults %v; want %d, 8, false", tc.path, l.Step, l.Config.Model.DModel, l.Defaults, tc.step)
		}
		if tc.step < 0 && (l.Config.Train.Seed != 5 || l.Config.Data.Seed != 3) {
			t.Errorf("Open(%s): train.seed %d, data.seed %d; want the file's run: 5, 3", tc.path, l.Config.Train.Seed, l.Config.Data.Seed)
		}
	}
	if _, err := Read(filepath.Join(dir, checkpoint.StepName(2))); err == nil || !strings.Contains(err.Error(), "step-000002") {
		t.Errorf("reading a pruned checkpoint: %v", err)
	}
}
