package checkpoint

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

const (
	// LatestFile is the file in a run folder that names its newest
	// complete checkpoint folder.
	LatestFile = "latest"
	// stateName is the manifest in every checkpoint folder; its presence
	// marks the folder complete.
	stateName = "state.json"
	// stepPrefix starts every checkpoint folder's name.
	stepPrefix = "step-"
)

// StepName is the folder name for a step, zero-padded to six digits so that
// folders sort by step in a file listing.
func StepName(step int) string {
	return fmt.Sprintf("%s%06d", stepPrefix, step)
}

// parseStep returns the step a checkpoint folder name stands for. Only the
// exact form StepName produces is accepted, so that a folder cannot be
// listed twice under two spellings of one step.
func parseStep(name string) (int, bool) {
	digits, ok := strings.CutPrefix(name, stepPrefix)
	if !ok || len(digits) < 6 || strings.Trim(digits, "0123456789") != "" {
		return 0, false
	}
	step, err := strconv.Atoi(digits)
	if err != nil || StepName(step) != name {
		return 0, false
	}
	return step, true
}

// checkFileName rejects checkpoint file names that are not a plain name in
// the folder: a path could write (or, from a damaged state.json, read)
// outside the checkpoint, and state.json is the manifest itself.
func checkFileName(name string) error {
	if name == "" || name == "." || name == ".." || filepath.Base(name) != name ||
		strings.ContainsAny(name, `/\`) || !filepath.IsLocal(name) {
		return fmt.Errorf("file name %q is not a plain file name", name)
	}
	if name == stateName {
		return fmt.Errorf("file name %q is reserved for the checkpoint manifest", name)
	}
	return nil
}
