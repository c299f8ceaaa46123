package clitest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// bin holds the train and eval binaries TestMain builds.
var bin string

// root is the repository root (for testdata).
var root string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	_, file, _, _ := runtime.Caller(0)
	root = filepath.Join(filepath.Dir(file), "..", "..")
	dir, err := os.MkdirTemp("", "attend-clitest")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin = dir
	if err := Build(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}

// result is what one run of a binary printed and its exit status.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// run runs bin/name with args in folder dir.
func run(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	return runEnv(t, dir, nil, name, args...)
}

// runEnv is run with env's variables added to the test's environment.
func runEnv(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(filepath.Join(bin, name), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return r
}

// ok runs a command that must succeed.
func ok(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	r := run(t, dir, name, args...)
	if r.code != 0 {
		t.Fatalf("%s %s: %s", name, strings.Join(args, " "), r)
	}
	return r
}

// has fails unless text holds every one of want.
func has(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

// ownText copies testdata/owntext (config and data) into a fresh folder
// and returns the config's path there.
func ownText(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "owntext")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"owntext.yaml", "train.tsv", "heldout.tsv"} {
		b, err := os.ReadFile(filepath.Join(root, "testdata", "owntext", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "owntext.yaml")
}

// quick are overrides that make a run of the own-text example take a
// fraction of a second.
var quick = []string{"--set", "model.d_model=8", "--set", "model.heads=2", "--set", "model.ff=16", "--set", "model.layers=1",
	"--set", "train.warmup=1", "--set", "train.eval_every=0"}

// trainQuick trains the own-text example for steps steps into a fresh run
// folder, from a fresh working folder, and returns the run folder.
func trainQuick(t *testing.T, steps int, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "run")
	args := append([]string{"--config", ownText(t), "--out", out, "--set", fmt.Sprintf("train.steps=%d", steps)}, quick...)
	ok(t, t.TempDir(), "train", append(args, extra...)...)
	return out
}
