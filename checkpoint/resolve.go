package checkpoint

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Kind says what a path given to Resolve turned out to be.
type Kind int

const (
	// RunDir is a run folder holding step folders and a latest file.
	RunDir Kind = iota + 1
	// StepDir is a single step-NNNNNN checkpoint folder.
	StepDir
	// SafetensorsFile is a bare .safetensors model file.
	SafetensorsFile
)

func (k Kind) String() string {
	switch k {
	case RunDir:
		return "run folder"
	case StepDir:
		return "checkpoint folder"
	case SafetensorsFile:
		return "safetensors file"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Resolve lets commands accept any of the three ways a user may name a
// model: a run folder (resolved to the checkpoint folder its latest names),
// a step-NNNNNN checkpoint folder, or a .safetensors file (both returned as
// given). It reports which one path is.
func Resolve(path string) (kind Kind, resolved string, err error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, "", missing(path)
	}
	if err != nil {
		return 0, "", fmt.Errorf("resolve checkpoint %s: %w", path, err)
	}
	if !fi.IsDir() {
		if !strings.EqualFold(filepath.Ext(path), ".safetensors") {
			return 0, "", fmt.Errorf("resolve checkpoint %s: a file must be a .safetensors model; otherwise pass a run folder or a step-NNNNNN folder", path)
		}
		return SafetensorsFile, path, nil
	}
	if _, err := os.Stat(filepath.Join(path, stateName)); err == nil {
		return StepDir, path, nil
	}
	if _, err := os.Stat(filepath.Join(path, LatestFile)); err == nil {
		folder, err := Latest(path)
		if err != nil {
			return 0, "", err
		}
		return RunDir, folder, nil
	}
	if _, ok := parseStep(filepath.Base(filepath.Clean(path))); ok {
		return 0, "", fmt.Errorf("resolve checkpoint %s: folder has no %s, so it is an incomplete checkpoint (interrupted save?)", path, stateName)
	}
	return 0, "", fmt.Errorf("resolve checkpoint %s: neither a run folder (no %s file) nor a checkpoint folder (no %s)", path, LatestFile, stateName)
}
