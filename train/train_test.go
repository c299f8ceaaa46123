package train

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/attendlab/attend/modelfile"
	"github.com/attendlab/attend/runfolder"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/configs"
)

// tiny is a config small enough to train in a blink, with dropout on so that
// exact resume must also restore the dropout generator.
func tiny(t *testing.T, sets ...string) *configs.Config {
	t.Helper()
	c, err := configs.Default()
	if err != nil {
		t.Fatal(err)
	}
	base := []string{"model.d_model=8", "model.heads=2", "model.ff=16", "model.layers=1", "model.dropout=0.1",
		"data.words=[bank]", "data.train_per_sense=20", "data.heldout_per_sense=8",
		"train.batch_size=4", "train.steps=8", "train.warmup=2", "train.eval_every=4", "train.log_every=1",
		"checkpoint.every=2", "checkpoint.keep=2"}
	for _, s := range append(base, sets...) {
		if err := c.Set(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	return c
}

func newTrainer(t *testing.T, c *configs.Config, o Options) *Trainer {
	t.Helper()
	tr, err := New(c, o)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// straightAndSplit trains c straight through into one folder, and into
// another until an interruption after step 3 (not a checkpoint step: the
// interruption writes one); it returns both folders and the interrupted trainer.
func straightAndSplit(t *testing.T, c *configs.Config) (straight, split string, first *Trainer) {
	t.Helper()
	straight = t.TempDir()
	if err := newTrainer(t, c, Options{Out: straight}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	split = t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first = newTrainer(t, c, Options{Out: split, Hooks: afterStep(func(step int) {
		if step == 3 {
			cancel()
		}
	})})
	if err := first.Run(ctx); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("interrupted run: got %v, want ErrInterrupted", err)
	}
	return straight, split, first
}

// TestExactResume: N steps, interrupt, resume to 2N gives the same bytes as
// 2N steps straight.
func TestExactResume(t *testing.T) {
	for _, objective := range []string{"mlm+sense", "mlm", "sense"} {
		t.Run(objective, func(t *testing.T) {
			c := tiny(t, "objective="+objective)
			straight, split, _ := straightAndSplit(t, c)
			if latest, err := checkpoint.Latest(split); err != nil || filepath.Base(latest) != "step-000003" {
				t.Fatalf("after interruption latest = %q, %v; want step-000003", latest, err)
			}
			second := newTrainer(t, c, Options{Out: split, Resume: true})
			if second.Step != 3 {
				t.Fatalf("resumed at step %d, want 3", second.Step)
			}
			if err := second.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{runfolder.ModelFile, runfolder.OptimizerFile} {
				a := readFile(t, filepath.Join(straight, "step-000008", f))
				b := readFile(t, filepath.Join(split, "step-000008", f))
				if !bytes.Equal(a, b) {
					t.Errorf("%s after resume differs from the straight run", f)
				}
			}
		})
	}
}

// TestDeterministic: the same config and seed give the same weights.
func TestDeterministic(t *testing.T) {
	c := tiny(t, "train.steps=3")
	var files [][]byte
	for i := 0; i < 2; i++ {
		dir := t.TempDir()
		if err := newTrainer(t, c, Options{Out: dir}).Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		files = append(files, readFile(t, filepath.Join(dir, "step-000003", runfolder.ModelFile)))
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("two runs with the same seed differ")
	}
}

// TestRunFolder: metrics, plot, checkpoints and pruning after a run.
func TestRunFolder(t *testing.T) {
	dir := t.TempDir()
	if err := newTrainer(t, tiny(t), Options{Out: dir}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{runfolder.MetricsFile, runfolder.LossPlot, "latest"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	recs, err := readMetrics(filepath.Join(dir, runfolder.MetricsFile))
	if err != nil {
		t.Fatal(err)
	}
	var trains, evals int
	for _, r := range recs {
		switch r.Kind {
		case "train":
			trains++
		case "eval":
			evals++
			if r.Validation == nil || r.Validation.Probe == nil || *r.Validation.Probe < 0 || *r.Validation.Probe > 1 {
				t.Errorf("eval record without a sense probe: %+v", r)
			}
		}
	}
	if trains != 8 || evals != 4 { // eval every 4 steps and at each checkpoint (every 2)
		t.Errorf("metrics: %d train and %d eval records, want 8 and 4", trains, evals)
	}
	steps, err := checkpoint.Steps(dir)
	if err != nil {
		t.Fatal(err)
	}
	// keep 2 newest (6, 8) plus the best by validation, which may be older.
	if len(steps) < 2 || len(steps) > 3 || steps[len(steps)-1] != 8 || steps[len(steps)-2] != 6 {
		t.Errorf("checkpoints kept: %v, want [.. 6 8] with at most one best before", steps)
	}
	l, err := runfolder.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if l.Step != 8 || l.Config.Train.Steps != 8 {
		t.Errorf("loaded step %d config steps %d, want 8 and 8", l.Step, l.Config.Train.Steps)
	}
}

// TestNaNStops: a diverging run stops with the step and a hint, and the last
// good step is the checkpoint that loads.
func TestNaNStops(t *testing.T) {
	dir := t.TempDir()
	c := tiny(t, "train.steps=50", "checkpoint.every=1", "train.eval_every=0")
	var tr *Trainer
	// After step 3 is saved, a weight turns NaN: step 4 diverges.
	tr = newTrainer(t, c, Options{Out: dir, Hooks: afterStep(func(step int) {
		if step == 3 {
			tr.opt.Params()[0].Value[0] = float32(math.NaN())
		}
	})})
	err := tr.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "lower train.lr") {
		t.Fatalf("got %v, want a NaN error with the step and a hint", err)
	}
	var failed int
	if _, scanErr := fmt.Sscanf(err.Error(), "step %d:", &failed); scanErr != nil || failed < 2 {
		t.Fatalf("error %q: want it to start with the failing step (after at least one good one)", err)
	}
	l, err := runfolder.Open(dir)
	if err != nil {
		t.Fatalf("last good checkpoint does not load: %v", err)
	}
	if failed != 4 || l.Step != failed-1 {
		t.Errorf("loaded step %d, want the last good step %d", l.Step, failed-1)
	}
}

// TestResumeErrors: shape changes and missing checkpoints are refused with the reason.
func TestResumeErrors(t *testing.T) {
	dir := t.TempDir()
	c := tiny(t, "train.steps=2")
	if err := newTrainer(t, c, Options{Out: dir}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	// A crash mid-save leaves a temporary folder: resume must not mind it.
	if err := os.MkdirAll(filepath.Join(dir, ".tmp-step-000004-x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := New(tiny(t, "train.steps=4"), Options{Out: dir, Resume: true}); err != nil {
		t.Errorf("resume with more steps: %v", err)
	}
	for _, tc := range []struct {
		name string
		cfg  *configs.Config
		dir  string
		want string
	}{
		{"shape", tiny(t, "train.steps=2", "model.d_model=12"), dir, "d_model"},
		{"data", tiny(t, "train.steps=2", "data.seed=9"), dir, "data"},
		{"no checkpoint", c, t.TempDir(), "latest"},
	} {
		_, err := New(tc.cfg, Options{Out: tc.dir, Resume: true})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error mentioning %q", tc.name, err, tc.want)
		}
	}
}

// TestInitFrom starts from a saved model file and refuses another shape.
func TestInitFrom(t *testing.T) {
	dir := t.TempDir()
	c := tiny(t, "train.steps=2")
	tr := newTrainer(t, c, Options{Out: dir})
	if err := tr.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, mb, err := loadFiles(filepath.Join(dir, "step-000002"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := os.WriteFile(path, mb, 0o644); err != nil {
		t.Fatal(err)
	}
	again := newTrainer(t, c, Options{Out: t.TempDir(), InitFrom: path})
	got, want := modelfile.Tensors(again.Model)["embed.weight"].Data, modelfile.Tensors(tr.Model)["embed.weight"].Data
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("--init-from: embed.weight[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	// Friction 12 of issue 18: the message gives the values, not a Go slice.
	for _, from := range []string{path, dir} {
		_, err := New(tiny(t, "model.d_model=12", "model.ff=24"), Options{Out: t.TempDir(), InitFrom: from})
		if err == nil || !strings.Contains(err.Error(), "model.d_model is 8 there and 12 here (set \"model.d_model=12\"), model.ff is 16 there and 24 here (set \"model.ff=24\")") || strings.Contains(err.Error(), "[") {
			t.Errorf("--init-from %s with another shape: got %v", from, err)
		}
	}
}

func loadFiles(folder string) (map[string][]byte, []byte, error) {
	files, _, err := checkpoint.Load(folder)
	if err != nil {
		return nil, nil, err
	}
	return files, files[runfolder.ModelFile], nil
}

// TestResumeJSONOptimizer: a checkpoint written before optimizer.safetensors,
// with its optimizer state in optimizer.json, still resumes exactly.
func TestResumeJSONOptimizer(t *testing.T) {
	c := tiny(t)
	straight, split, first := straightAndSplit(t, c)
	// Rewrite step 3 as the older layout: the same state, optimizer.json.
	saved, err := runfolder.Latest(split)
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(first.opt.State())
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{runfolder.ModelFile: readFile(t, filepath.Join(saved.Folder, runfolder.ModelFile)), runfolder.OptimizerJSONFile: js}
	if _, err := checkpoint.Save(split, 3, files, saved.State); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(split, "step-000003", runfolder.OptimizerFile)); err == nil {
		t.Fatal("the rewritten checkpoint still has optimizer.safetensors")
	}
	second := newTrainer(t, c, Options{Out: split, Resume: true})
	if err := second.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	a := readFile(t, filepath.Join(straight, "step-000008", runfolder.ModelFile))
	b := readFile(t, filepath.Join(split, "step-000008", runfolder.ModelFile))
	if !bytes.Equal(a, b) {
		t.Error("model after resuming from optimizer.json differs from the straight run")
	}
}

// TestElapsedRunsOnAfterResume: a resumed run's elapsed_s goes on from the
// last record it keeps, not from 0.
func TestElapsedRunsOnAfterResume(t *testing.T) {
	c := tiny(t, "train.log_every=1")
	_, split, _ := straightAndSplit(t, c)
	path := filepath.Join(split, runfolder.MetricsFile)
	recs, err := readMetrics(path)
	if err != nil || len(recs) == 0 {
		t.Fatalf("metrics before resume: %d records, %v", len(recs), err)
	}
	var b bytes.Buffer
	for _, rec := range recs {
		rec.ElapsedS = 1000 // as if the first stretch had taken that long
		if err := json.NewEncoder(&b).Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := newTrainer(t, c, Options{Out: split, Resume: true}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	recs, _ = readMetrics(path)
	for _, rec := range recs {
		if rec.Step > 3 && rec.ElapsedS < 1000 {
			t.Errorf("step %d after resume: elapsed_s %.3f, want it to go on from 1000", rec.Step, rec.ElapsedS)
		}
	}
}
