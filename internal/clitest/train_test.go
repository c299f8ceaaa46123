package clitest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestResumeUsesSavedConfig: a plain --resume continues with the run's own
// config; --set and --config given with it override it and each change is
// named; a refusal names every key that differs; the closing line says the
// range trained.
func TestResumeUsesSavedConfig(t *testing.T) {
	folder := trainQuick(t, 4, "--set", "train.lr=0.001")
	work := t.TempDir()
	r := ok(t, work, "train", "--out", folder, "--resume", "--set", "train.steps=6")
	has(t, "plain resume", r.stderr, "starting from the config saved in", "train.steps changed from 4 to 6", "done: steps 5-6 in", "resumed from step 4")
	if strings.Contains(r.stderr, "train.lr") || strings.Contains(r.stderr, "model.") {
		t.Errorf("plain resume reports changes it did not make:\n%s", r.stderr)
	}

	cfg := filepath.Join(work, "more.yaml")
	if err := os.WriteFile(cfg, []byte("train:\n  steps: 8\n  lr: 0.0005\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = ok(t, work, "train", "--config", cfg, "--out", folder, "--resume")
	has(t, "resume with --config", r.stderr, "train.lr changed from 0.001 to 0.0005", "train.steps changed from 6 to 8")
	if strings.Contains(r.stderr, "model.d_model") {
		t.Errorf("--config changed keys it does not set:\n%s", r.stderr)
	}

	r = run(t, work, "train", "--out", folder, "--resume", "--set", "train.steps=10", "--set", "train.seed=5", "--set", "data.mask_prob=0.2")
	if r.code != 2 {
		t.Fatalf("resume with another seed: %s", r)
	}
	has(t, "refusal", r.stderr, "train.seed changed from 1 to 5", "data.mask_prob changed from 0.15 to 0.2")
	if strings.Contains(r.stderr, "train.batch_size") {
		t.Errorf("refusal names a key that did not change:\n%s", r.stderr)
	}
}

// TestPathsRelativeToConfig: the example's config names its data relative to
// its own folder, so it trains from any working folder, and the run stores
// the resolved paths.
func TestPathsRelativeToConfig(t *testing.T) {
	folder := trainQuick(t, 2)
	b, err := os.ReadFile(filepath.Join(folder, "step-000002", "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		State struct {
			Config struct {
				Data struct {
					TrainFile   string `json:"train_file"`
					HeldoutFile string `json:"heldout_file"`
				} `json:"data"`
			} `json:"config"`
		} `json:"state"`
	}
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	d := st.State.Config.Data
	for _, p := range []string{d.TrainFile, d.HeldoutFile} {
		if !filepath.IsAbs(p) || !strings.HasPrefix(filepath.Base(filepath.Dir(p)), "owntext") {
			t.Errorf("stored data path %q: want an absolute path into the config's folder", p)
		}
	}
}

// TestShortRunWarmup: --set train.steps below the default warmup clamps the
// warmup with a notice; a warmup the command line sets itself is refused with
// the --set that fixes it.
func TestShortRunWarmup(t *testing.T) {
	cfg := ownText(t) // sets warmup: 10
	r := ok(t, t.TempDir(), "train", append([]string{"--config", cfg, "--out", filepath.Join(t.TempDir(), "r"), "--set", "train.steps=5"}, quick[:8]...)...)
	has(t, "short run", r.stderr, "train.warmup 10 is longer than train.steps 5: using train.warmup=0")
	r = run(t, t.TempDir(), "train", "--config", cfg, "--set", "train.steps=15", "--set", "train.warmup=30")
	if r.code != 2 {
		t.Fatalf("explicit warmup 30 with 15 steps: %s", r)
	}
	has(t, "explicit warmup", r.stderr, "train.warmup", "--set train.warmup=1")
}

// TestInitFromFolders: --init-from takes a run folder and a step folder.
func TestInitFromFolders(t *testing.T) {
	folder := trainQuick(t, 2)
	for _, from := range []string{folder, filepath.Join(folder, "step-000002")} {
		trainQuick(t, 1, "--init-from", from)
	}
}

// TestSecondInterrupt: the first SIGINT asks for a clean stop, a second one
// kills the run and says the last checkpoint is kept. The second must arrive
// while the first stop is still under way, so a run that stopped cleanly
// first is tried again with bigger steps.
func TestSecondInterrupt(t *testing.T) {
	for _, batch := range []string{"64", "256", "1024"} {
		out := filepath.Join(t.TempDir(), "run")
		args := []string{"--config", ownText(t), "--out", out, "--set", "train.steps=1000000", "--set", "checkpoint.every=1",
			"--set", "train.eval_every=0", "--set", "train.batch_size=" + batch}
		cmd := exec.Command(filepath.Join(bin, "train"), args...)
		cmd.Dir = t.TempDir()
		var stderr syncBuffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wait := func(what string, cond func() bool) {
			deadline := time.Now().Add(60 * time.Second)
			for !cond() {
				if time.Now().After(deadline) {
					_ = cmd.Process.Kill()
					t.Fatalf("no %s within a minute:\n%s", what, stderr.String())
				}
				time.Sleep(time.Millisecond)
			}
		}
		wait("checkpoint", func() bool { _, err := os.Stat(filepath.Join(out, "latest")); return err == nil })
		_ = cmd.Process.Signal(syscall.SIGINT)
		wait("notice of the first interrupt", func() bool { return strings.Contains(stderr.String(), "interrupt again") })
		_ = cmd.Process.Signal(syscall.SIGINT)
		_ = cmd.Wait()
		if strings.Contains(stderr.String(), "interrupted at step") {
			continue // the clean stop won the race
		}
		if code := cmd.ProcessState.ExitCode(); code != 130 {
			t.Errorf("exit %d, want 130\n%s", code, stderr.String())
		}
		has(t, "killed run", stderr.String(), "killing the run", "last checkpoint saved in "+out+" is kept")
		ok(t, t.TempDir(), "eval", "--checkpoint", out, "--word", "pitch")
		return
	}
	t.Skip("every run stopped cleanly before the second interrupt arrived")
}

// syncBuffer is a strings.Builder that a process writes while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestUnknownFlagSuggestsSet: --steps 100 is a config key, not a flag.
func TestUnknownFlagSuggestsSet(t *testing.T) {
	for _, args := range [][]string{{"--steps", "100"}, {"--steps=100"}, {"--step", "100"}, {"--set", "steps=100"}, {"--set", "train.steps", "100"}} {
		r := run(t, t.TempDir(), "train", args...)
		if r.code != 2 {
			t.Fatalf("%v: %s", args, r)
		}
		if first, _, _ := strings.Cut(r.stderr, "\n"); !strings.Contains(first, "--set train.steps=100") {
			t.Errorf("%v: the first line lacks the hint --set train.steps=100:\n%s", args, r.stderr)
		}
	}
}

// TestYAMLErrorLine: an indentation mistake is reported at its own line.
func TestYAMLErrorLine(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(cfg, []byte("model:\n  d_model: 64\ntrain:\n  steps: 5\n lr: 0.1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, t.TempDir(), "train", "--config", cfg)
	if r.code != 2 {
		t.Fatalf("bad YAML: %s", r)
	}
	has(t, "YAML error", r.stderr, "bad.yaml:5:")
}
