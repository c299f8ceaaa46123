package runfolder

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/attendlab/attend/configs"
)

// MissingHint explains a run path given with flag (--checkpoint,
// --init-from) that does not exist: where it was looked for (relative paths start at the working folder, wd) and, when it
// can be known, the config that trains a run there. A config without
// checkpoint.dir trains into checkpoints/<its name>, so for
// "checkpoints/NAME" that is a shipped configs/NAME.yaml, else a NAME.yaml
// under wd.
func MissingHint(flag, path, wd string) string {
	msg := "looked for " + path
	if !filepath.IsAbs(path) {
		msg = fmt.Sprintf("looked for %s (a relative %s starts at the working folder %s)", filepath.Join(wd, path), flag, wd)
	}
	clean := filepath.ToSlash(filepath.Clean(path))
	name, ok := strings.CutPrefix(clean, "checkpoints/")
	if !ok || name == "" || strings.Contains(name, "/") {
		return msg + "; give the run folder, a step folder or a model file with " + flag
	}
	cfg := configFor(name, wd)
	if cfg == "" {
		return msg + fmt.Sprintf("; no config named %s.yaml here makes it (a config without checkpoint.dir trains into checkpoints/<its name>): if the run is elsewhere, name it with %s", name, flag)
	}
	train := "go run ./cmd/train"
	if _, err := os.Stat(filepath.Join(wd, "cmd", "train")); err != nil {
		train = "train" // not in the attend folder: the built binary, or go run from there
	}
	return msg + fmt.Sprintf("; if the run is elsewhere, name it with %s; %s.yaml makes it here: %s --config %s", flag, name, train, cfg)
}

// ExplainMissing adds MissingHint to err when it says that path, given with
// flag, does not exist (and nothing close by: see checkpoint's missing);
// any other error comes back as it is.
func ExplainMissing(err error, flag, path string) error {
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	wd, _ := os.Getwd()
	return fmt.Errorf("%w; %s", err, MissingHint(flag, path, wd))
}

// configFor is the config that trains into checkpoints/name: the shipped
// configs/name.yaml, else the first name.yaml under wd (three folders deep
// at most, hidden folders and checkpoints skipped) that names no other
// checkpoint.dir; "" when there is none.
func configFor(name, wd string) string {
	if slices.Contains(configs.EmbeddedNames(), name+".yaml") {
		return "configs/" + name + ".yaml"
	}
	found := ""
	filepath.WalkDir(wd, func(p string, d fs.DirEntry, err error) error {
		if err != nil || found != "" {
			return fs.SkipDir
		}
		rel, _ := filepath.Rel(wd, p)
		if d.IsDir() && p != wd && (strings.HasPrefix(d.Name(), ".") || d.Name() == "checkpoints" || strings.Count(rel, string(filepath.Separator)) >= 3) {
			return fs.SkipDir
		}
		if !d.IsDir() && d.Name() == name+".yaml" && trainsInto(p, filepath.Join("checkpoints", name)) {
			found = rel
		}
		return nil
	})
	return filepath.ToSlash(found)
}

// trainsInto reports whether the config file at path trains into dir.
func trainsInto(path, dir string) bool {
	c, err := configs.Load(path)
	return err == nil && filepath.Clean(c.Checkpoint.Dir) == dir
}
