package inspect

import (
	"fmt"
	"os"
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

// fit returns an error when s is longer than the model's max_len, naming
// the sentence and, when path is not "", the file (and with line > 0 the
// line) it was read from.
func (c *Checkpoint) fit(s data.Sentence, path string, line int) error {
	if len(s.Tokens) <= c.MaxLen() {
		return nil
	}
	err := fmt.Errorf("sentence %q has %d tokens, more than the model's max_len %d", data.Shorten(s.Text), len(s.Tokens), c.MaxLen())
	switch {
	case line > 0:
		return fmt.Errorf("load %s line %d: %w", path, line, err)
	case path != "":
		return fmt.Errorf("load %s: %w", path, err)
	}
	return err
}

// fitAll checks every sentence with fit. path, when not "", is the file
// they were read from by data.LoadText or data.LoadTSV, one sentence per
// non-blank line, so the error can name the line.
func (c *Checkpoint) fitAll(sents []data.Sentence, path string) error {
	for i, s := range sents {
		if len(s.Tokens) <= c.MaxLen() {
			continue
		}
		line := 0
		if path != "" {
			line = lineOf(path, i)
		}
		return c.fit(s, path, line)
	}
	return nil
}

// lineOf returns the 1-based line number of the i-th (0-based) non-blank
// line of path, the line that data.LoadText and data.LoadTSV read the i-th
// sentence from (both skip lines of only white space), or 0 if the file
// cannot be read again.
func lineOf(path string, i int) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for n, line := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if i == 0 {
			return n + 1
		}
		i--
	}
	return 0
}
