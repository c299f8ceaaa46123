package main

import (
	"errors"
	"os/exec"
	"testing"
)

// TestRunFoldersIgnored: a run folder is ignored by git wherever train ran
// (a config without checkpoint.dir trains into checkpoints/ of the working
// folder, cmd/train's own when run there), and the kept .gitkeep is not.
func TestRunFoldersIgnored(t *testing.T) {
	tests := []struct {
		path    string
		ignored bool
	}{
		{"checkpoints/bank/latest", true},
		{"cmd/train/checkpoints/bank/step-000500/model.safetensors", true},
		{"testdata/owntext/checkpoints/owntext/latest", true},
		{"checkpoints/.gitkeep", false},
		{"checkpoint/folder.go", false},
	}
	for _, tt := range tests {
		cmd := exec.Command("git", "check-ignore", "--no-index", "-q", tt.path)
		cmd.Dir = "../.."
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case err == nil: // ignored
		case errors.As(err, &exit) && exit.ExitCode() == 1: // not ignored
		default:
			t.Fatalf("git check-ignore %s: %v (the test needs git and the repository)", tt.path, err)
		}
		if got := err == nil; got != tt.ignored {
			t.Errorf("%s: ignored %v, want %v", tt.path, got, tt.ignored)
		}
	}
}
