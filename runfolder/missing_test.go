package runfolder

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMissingHint(t *testing.T) {
	wd := t.TempDir()
	for name, text := range map[string]string{
		"data/own.yaml":         "train:\n  steps: 50\n",
		"other/elsewhere.yaml":  "checkpoint:\n  dir: runs/x\n",
		"a/b/c/d/too_deep.yaml": "train:\n  steps: 50\n",
	} {
		p := filepath.Join(wd, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		flag, path string
		want       []string
	}{
		{"--checkpoint", "checkpoints/bank", []string{"looked for " + filepath.Join(wd, "checkpoints/bank"), "train --config configs/bank.yaml"}},
		{"--checkpoint", "checkpoints/bank_mlm", []string{"--config configs/bank_mlm.yaml"}},
		{"--checkpoint", "checkpoints/own", []string{"own.yaml makes it here: train --config data/own.yaml"}},
		{"--checkpoint", "checkpoints/elsewhere", []string{"no config named elsewhere.yaml here makes it"}},
		{"--checkpoint", "checkpoints/too_deep", []string{"no config named too_deep.yaml"}},
		{"--checkpoint", "runs/x", []string{"looked for " + filepath.Join(wd, "runs/x"), "give the run folder"}},
		{"--checkpoint", "/abs/run", []string{"looked for /abs/run"}},
	}
	for _, tt := range tests {
		got := MissingHint(tt.flag, tt.path, wd)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("MissingHint(%q) = %q, want %q in it", tt.path, got, w)
			}
		}
		if strings.Contains(got, "bank.yaml") && !strings.Contains(tt.path, "bank") {
			t.Errorf("MissingHint(%q) = %q suggests bank.yaml", tt.path, got)
		}
		if filepath.IsAbs(tt.path) == strings.Contains(got, "a relative") {
			t.Errorf("MissingHint(%q) = %q: the note on relative paths belongs to relative paths only", tt.path, got)
		}
	}
}

// TestExplainMissing: only a path that does not exist gets the hint, and the
// error still says so to errors.Is.
func TestExplainMissing(t *testing.T) {
	other := errors.New("bad header")
	if got := ExplainMissing(other, "--init-from", "checkpoints/bank"); got != other {
		t.Errorf("ExplainMissing(other) = %v, want it unchanged", got)
	}
	got := ExplainMissing(fmt.Errorf("resolve: %w", fs.ErrNotExist), "--init-from", "checkpoints/bank")
	if !errors.Is(got, fs.ErrNotExist) || !strings.Contains(got.Error(), "a relative --init-from starts") {
		t.Errorf("ExplainMissing(not found) = %v", got)
	}
}
