// Package clitest runs the built train and eval binaries end to end: bad input
// gets a clear error and touches nothing, and a killed run loses nothing.
package clitest

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	binaries "github.com/attendlab/attend/internal/clitest"
)

// bin holds the binaries TestMain builds, fixture a tiny trained run and its
// config, shared read-only by every test (each copies what it damages).
var bin, fixture string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		tmp, err := os.MkdirTemp("", "clitest-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		bin, fixture = filepath.Join(tmp, "bin"), filepath.Join(tmp, "fixture")
		if err := setup(); err != nil {
			fmt.Fprintln(os.Stderr, "clitest setup:", err)
			return 1
		}
		return m.Run()
	}())
}

// tinyYAML is a model small enough that a step takes milliseconds.
const tinyYAML = `model: {d_model: 8, heads: 2, ff: 16, layers: 1, max_len: 20}
data: {words: [bank], train_per_sense: 20, heldout_per_sense: 8}
train: {steps: 3, batch_size: 4, warmup: 1, eval_every: 0, log_every: 1}
checkpoint: {every: 1, keep: 5}
`

func setup() error {
	if err := binaries.Build(bin); err != nil {
		return err
	}
	if err := os.MkdirAll(fixture, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(fixture, "tiny.yaml"), []byte(tinyYAML), 0o644); err != nil {
		return err
	}
	r := runBin(fixture, "train", "--config", "tiny.yaml", "--out", "run")
	if r.code != 0 {
		return fmt.Errorf("train the fixture: exit %d\n%s", r.code, r.out)
	}
	return nil
}

type result struct {
	code int
	out  string
}

// runBin runs one of the built binaries in dir and returns its exit code and
// its stdout and stderr together.
func runBin(dir, name string, args ...string) result {
	cmd := exec.Command(filepath.Join(bin, name), args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return result{ee.ExitCode(), out.String()}
	case err != nil:
		return result{-1, err.Error()}
	}
	return result{0, out.String()}
}

// snapshot records every path under dir with its mode, size and content hash.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		v := fi.Mode().String()
		if fi.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			v += fmt.Sprintf(" %x", sha256.Sum256(b))
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(p)
			v += " -> " + target
		}
		m[p] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func diffSnapshots(before, after map[string]string) []string {
	var d []string
	for p, v := range before {
		if w, ok := after[p]; !ok {
			d = append(d, "removed "+p)
		} else if v != w {
			d = append(d, "changed "+p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			d = append(d, "created "+p)
		}
	}
	return d
}

// copyDir copies the fixture's run folder (files and folders only).
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkOutput fails on a Go panic or stack trace, or an error message longer
// than two lines (flag's own usage listing aside).
func checkOutput(t *testing.T, out string) {
	t.Helper()
	for _, bad := range []string{"panic", "goroutine ", ".go:"} {
		if strings.Contains(out, bad) {
			t.Errorf("output has %q:\n%s", bad, out)
		}
	}
	if strings.Contains(out, "Usage of") {
		return
	}
	// Notes before the error (resume's "starting from the config saved in
	// ...") are not part of the message.
	for _, prefix := range []string{"train: ", "eval: "} {
		if i := strings.Index(out, prefix); i > 0 && out[i-1] == '\n' {
			out = out[i:]
		}
	}
	if n := strings.Count(strings.TrimRight(out, "\n"), "\n") + 1; n > 2 {
		t.Errorf("message has %d lines, want one or two:\n%s", n, out)
	}
}
