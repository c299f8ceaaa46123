// Package clitest builds cmd/train and cmd/eval for the tests that run the
// real binaries (its own, which follow a new user's path from a fresh folder,
// and cmd/clitest's bad-input and fault tests).
package clitest

import (
	"fmt"
	"os/exec"
	"path/filepath"
)

// Build compiles cmd/train and cmd/eval into the folder dir.
func Build(dir string) error {
	build := exec.Command("go", "build", "-o", dir+string(filepath.Separator),
		"github.com/attendlab/attend/cmd/train", "github.com/attendlab/attend/cmd/eval")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	return nil
}
