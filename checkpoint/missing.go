package checkpoint

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/attendlab/attend/internal/editdist"
	"github.com/attendlab/attend/internal/textlist"
)

// missing explains a path that does not exist. When the folder above it holds
// something close (a step that was pruned, a name one typo away) the message
// says so and lists what is there; otherwise it wraps fs.ErrNotExist, so a
// command can add how to make one.
func missing(path string) error {
	clean := filepath.Clean(path)
	parent, base := filepath.Dir(clean), filepath.Base(clean)
	if _, err := os.Stat(parent); errors.Is(err, fs.ErrNotExist) && parent != clean {
		if err := missing(parent); !errors.Is(err, fs.ErrNotExist) {
			return err // the typo is higher up
		}
		return notFound(path)
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		return notFound(path)
	}
	var names, steps []string
	near, nearDist := "", 3 // the closest name within 2 edits (case aside); the first of a tie
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") { // .gitkeep, .tmp-step-*: never a checkpoint to offer
			continue
		}
		names = append(names, n)
		if _, ok := parseStep(n); ok && e.IsDir() {
			steps = append(steps, n)
		}
		if d := editdist.Levenshtein(strings.ToLower(n), strings.ToLower(base)); d < nearDist {
			near, nearDist = n, d
		}
	}
	if step, ok := parseStep(base); ok && len(steps) > 0 {
		return fmt.Errorf("resolve checkpoint %s: run folder %s has no step %d (pruned: checkpoint.keep keeps the newest and the best; or never saved); it has %s",
			path, parent, step, strings.Join(steps, ", "))
	}
	if near != "" {
		return fmt.Errorf("resolve checkpoint %s: no such file or folder; did you mean %s? %s holds: %s",
			path, filepath.Join(parent, near), parent, textlist.Short(names, 10))
	}
	return notFound(path)
}

// notFound is a path with nothing like it nearby; it is fs.ErrNotExist.
type notFound string

func (p notFound) Error() string {
	return fmt.Sprintf("resolve checkpoint %s: no such file or folder", string(p))
}
func (p notFound) Is(target error) bool { return target == fs.ErrNotExist }
