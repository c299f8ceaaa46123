package checkpoint

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// prunedPrefix follows tmpPrefix in the name a pruned folder is renamed to
// before it is deleted, so that a deletion cut short never leaves a
// half-deleted folder that still looks like a checkpoint.
const prunedPrefix = "pruned-"

// Steps lists the steps of the complete checkpoint folders in dir (those
// named step-NNNNNN that hold a state.json), in ascending order.
func Steps(dir string) ([]int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("list checkpoints in %s: %w", dir, err)
	}
	var steps []int
	for _, e := range entries {
		step, ok := parseStep(e.Name())
		if !ok || !e.IsDir() {
			continue
		}
		fi, err := os.Stat(filepath.Join(dir, e.Name(), stateName))
		if errors.Is(err, fs.ErrNotExist) {
			continue // not a checkpoint Save wrote; leave it alone
		}
		if err != nil {
			return nil, fmt.Errorf("list checkpoints in %s: %w", dir, err)
		}
		if fi.Mode().IsRegular() {
			steps = append(steps, step)
		}
	}
	slices.Sort(steps)
	return steps, nil
}

// Prune deletes the checkpoint folders in dir except the newest keep, the
// ones named in protect (folder names or paths, e.g. the best checkpoint by
// validation loss) and the one latest names, which is never deleted so that
// resuming keeps working.
func Prune(dir string, keep int, protect ...string) error {
	if keep < 0 {
		return fmt.Errorf("prune checkpoints in %s: negative keep %d", dir, keep)
	}
	steps, err := Steps(dir)
	if err != nil {
		return fmt.Errorf("prune checkpoints in %s: %w", dir, err)
	}
	kept := make(map[string]bool, keep+len(protect)+1)
	for _, p := range protect {
		kept[filepath.Base(filepath.Clean(p))] = true
	}
	switch name, err := readLatest(dir); {
	case err == nil:
		kept[name] = true
	case !errors.Is(err, fs.ErrNotExist):
		// Without knowing which folder latest names, deleting any could
		// break resuming.
		return fmt.Errorf("prune checkpoints in %s: %w", dir, err)
	}
	for i, step := range steps {
		name := StepName(step)
		if i >= len(steps)-keep || kept[name] {
			continue
		}
		if err := removeCheckpoint(dir, name); err != nil {
			return fmt.Errorf("prune checkpoints in %s: %w", dir, err)
		}
	}
	return syncDir(dir)
}

// removeCheckpoint renames a checkpoint folder to a leftover name (which
// the next Save removes if this is cut short) and then deletes it.
func removeCheckpoint(dir, name string) error {
	trash := filepath.Join(dir, tmpPrefix+prunedPrefix+name)
	if err := os.RemoveAll(trash); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(dir, name), trash); err != nil {
		return err
	}
	return os.RemoveAll(trash)
}
