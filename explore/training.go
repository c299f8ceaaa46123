package explore

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/attendlab/attend/runfolder"
)

// Training is the run's history as metrics.jsonl holds it, and which
// checkpoint the explorer shows.
type Training struct {
	Run     string           `json:"run"`  // the run folder, "" for a bare model file
	Step    int              `json:"step"` // the checkpoint shown; -1 for a bare model file
	Records []map[string]any `json:"records"`
	Message string           `json:"message,omitempty"` // why there are no records
}

// Training reads the run's metrics.jsonl afresh, so the page follows a
// train that is still writing into the run folder. A line cut short by a
// writer in mid-line is left for the next read.
func (e *Explorer) Training() (*Training, error) {
	t := &Training{Run: e.runDir, Step: e.c.Loaded.Step, Records: []map[string]any{}}
	if e.runDir == "" {
		t.Message = "a bare model file records no training history"
		return t, nil
	}
	path := filepath.Join(e.runDir, runfolder.MetricsFile)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Message = fmt.Sprintf("%s has no %s", e.runDir, runfolder.MetricsFile)
		return t, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var rec map[string]any
		if json.Unmarshal(sc.Bytes(), &rec) != nil {
			continue // a line being written
		}
		t.Records = append(t.Records, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return t, nil
}
