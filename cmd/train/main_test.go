package main

import (
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/attendlab/attend/checkpoint"
)

var tinySets = []string{"--set", "model.d_model=8", "--set", "model.heads=2", "--set", "model.ff=16", "--set", "model.layers=1",
	"--set", "data.words=[bank]", "--set", "data.train_per_sense=20", "--set", "data.heldout_per_sense=8",
	"--set", "train.batch_size=4", "--set", "train.warmup=2", "--set", "train.log_every=1", "--set", "train.eval_every=0"}

// TestSIGINT sends the process a real SIGINT mid-run: the step finishes, a
// checkpoint is written, and the exit code says it was interrupted.
func TestSIGINT(t *testing.T) {
	dir := t.TempDir()
	args := append([]string{"--out", dir, "--set", "train.steps=100000", "--set", "checkpoint.every=0"}, tinySets...)
	done := make(chan int, 1)
	go func() { done <- run(args) }()
	// Wait for training to log a step: by then the signal handler is installed.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if fi, err := os.Stat(filepath.Join(dir, "metrics.jsonl")); err == nil && fi.Size() > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("training did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 130 {
			t.Fatalf("exit code %d, want 130", code)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("run did not stop after SIGINT")
	}
	latest, err := checkpoint.Latest(dir)
	if err != nil {
		t.Fatalf("no checkpoint after SIGINT: %v", err)
	}
	// And the run resumes from it.
	resume := append([]string{"--out", dir, "--resume", "--set", "checkpoint.every=0"}, tinySets...)
	steps, _ := checkpoint.Steps(dir)
	next := steps[len(steps)-1] + 2
	resume = append(resume, "--set", "train.steps="+strconv.Itoa(next))
	if code := run(resume); code != 0 {
		t.Fatalf("resume from %s: exit code %d", latest, code)
	}
}

// TestConfigErrors: bad configs stop before any work with exit code 2.
func TestConfigErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("model:\n  heads: 5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--config", bad},
		{"--set", "train.stpes=3"},
		{"--set", "train.steps=abc"},
		{"--config", filepath.Join(t.TempDir(), "missing.yaml")},
		{"extra", "words"},
		{"--set", "data.words=[zebra]"},
		{"--set", "model.max_len=5"},
	} {
		dir := t.TempDir()
		if code := run(append(args, "--out", dir)); code != 2 {
			t.Errorf("%v: exit code %d, want 2", args, code)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%v: wrote %d entries before failing", args, len(entries))
		}
	}
}

func TestShellQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"--set", "--set"},
		{"train.steps=3", "train.steps=3"},
		{"data.words=[bank, bass]", "'data.words=[bank, bass]'"},
		{"it's", `'it'\''s'`},
		{"", "''"},
	} {
		if got := shellQuote(tc.in); got != tc.want {
			t.Errorf("shellQuote(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestResumeArgs: the command printed after an interruption works as printed,
// so it drops --init-from (a resumed run keeps its own weights) in every
// spelling the flag package accepts.
func TestResumeArgs(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"--out", "d", "--resume"}, "--out d"},
		{[]string{"--init-from", "m.safetensors", "--out", "d"}, "--out d"},
		{[]string{"-init-from=m.safetensors", "--out", "d"}, "--out d"},
		{[]string{"--out", "d", "--init-from=m.safetensors", "--set", "train.steps=3"}, "--out d --set train.steps=3"},
		{[]string{"-init-from", "m.safetensors"}, ""},
	} {
		if got := resumeArgs(tc.in); got != tc.want {
			t.Errorf("resumeArgs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSetNamesRunFolder: without --out, the run folder is checkpoint.dir after
// every --set, so --set checkpoint.dir=DIR trains into DIR.
func TestSetNamesRunFolder(t *testing.T) {
	for _, tt := range []struct {
		name, out string
		sets      []string
		want      string
	}{
		{"default", "", nil, filepath.Join("checkpoints", "bank")},
		{"set", "", []string{"checkpoint.dir=elsewhere/run"}, "elsewhere/run"},
		{"out wins", "mine", []string{"checkpoint.dir=elsewhere/run"}, "mine"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, dir, err := loadConfig("configs/bank.yaml", false, tt.out, false, tt.sets)
			if err != nil {
				t.Fatal(err)
			}
			if dir != tt.want {
				t.Errorf("run folder %q, want %q", dir, tt.want)
			}
		})
	}
}

// TestCPUProfile: --cpuprofile writes a profile of the run, and a path that
// cannot be created stops the run before it starts.
func TestCPUProfile(t *testing.T) {
	dir := t.TempDir()
	prof := filepath.Join(dir, "cpu.pprof")
	args := append([]string{"--out", filepath.Join(dir, "run"), "--set", "train.steps=5", "--cpuprofile", prof}, tinySets...)
	if code := run(args); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if fi, err := os.Stat(prof); err != nil || fi.Size() == 0 {
		t.Fatalf("profile %s: %v (size %v)", prof, err, fi)
	}
	bad := append([]string{"--out", filepath.Join(dir, "run2"), "--set", "train.steps=5", "--cpuprofile", filepath.Join(dir, "no", "such", "cpu.pprof")}, tinySets...)
	if code := run(bad); code != 2 {
		t.Fatalf("unwritable profile: exit code %d, want 2", code)
	}
	if _, err := checkpoint.Latest(filepath.Join(dir, "run2")); err == nil {
		t.Error("a run started although its profile could not be written")
	}
}
