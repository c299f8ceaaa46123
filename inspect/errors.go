package inspect

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/attendlab/attend/data"
)

// UsageError is a request the checkpoint cannot serve as asked: a layer or
// head the model does not have, a word or sentence given on the command line
// that does not fit it. cmd/eval exits with status 2 on it, as for a
// mistake in the flags, rather than 1, a failure while doing the work.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Usagef formats a UsageError.
func Usagef(format string, a ...any) error {
	return &UsageError{fmt.Errorf(format, a...)}
}

// loadError makes err, from opening the checkpoint at path, one line that
// names path once. The messages of the checkpoint, model and runfolder
// packages mostly name the file they read already (path itself, or the step
// folder or model file inside it); only those that do not get the
// "load checkpoint PATH:" prefix.
func loadError(path string, err error) error {
	msg := err.Error()
	if !strings.Contains(msg, path) && !strings.Contains(msg, filepath.Clean(path)) {
		return fmt.Errorf("load checkpoint %s: %w", path, err)
	}
	return err
}

// fit returns an error when s is longer than the model's max_len, naming the
// sentence; the loaders add the file and line it was read from.
func (c *Checkpoint) fit(s data.Sentence) error {
	if len(s.Tokens) <= c.MaxLen() {
		return nil
	}
	return fmt.Errorf("sentence %q has %d tokens, more than the model's max_len %d", data.Shorten(s.Text), len(s.Tokens), c.MaxLen())
}

// fitAll checks every sentence with fit.
func (c *Checkpoint) fitAll(sents []data.Sentence) error {
	for _, s := range sents {
		if err := c.fit(s); err != nil {
			return err
		}
	}
	return nil
}
