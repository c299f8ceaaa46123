package checkpoint

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// fullDisk is a writer that takes budget bytes in all, then fails as a full
// disk does, after writing what still fits.
type fullDisk struct {
	w      io.Writer
	budget *int
}

func (d fullDisk) Write(p []byte) (int, error) {
	if len(p) <= *d.budget {
		*d.budget -= len(p)
		return d.w.Write(p)
	}
	n, _ := d.w.Write(p[:*d.budget])
	*d.budget = 0
	return n, syscall.ENOSPC
}

// TestSaveOutOfSpace: a disk that fills at any byte of a Save (inside a
// file, between files, or while latest is replaced) leaves the previous
// checkpoint and latest as they were, says so, and a later Save works.
func TestSaveOutOfSpace(t *testing.T) {
	files := map[string][]byte{"model.safetensors": []byte(strings.Repeat("m", 3000)), "optimizer.safetensors": []byte(strings.Repeat("o", 5000))}
	defer func(w func(*os.File) io.Writer) { writeTo = w }(writeTo)
	budgets := []int{0, 1, 2999, 3000, 3001}
	for b := 7990; b < 8400; b += 9 { // the end of the files, state.json and latest
		budgets = append(budgets, b)
	}
	failed := 0
	for _, budget := range budgets {
		dir := t.TempDir()
		writeTo = func(f *os.File) io.Writer { return f }
		if _, err := Save(dir, 1, files, map[string]int{"step": 1}); err != nil {
			t.Fatal(err)
		}
		left := budget
		writeTo = func(f *os.File) io.Writer { return fullDisk{f, &left} }
		_, err := Save(dir, 2, files, map[string]int{"step": 2})
		writeTo = func(f *os.File) io.Writer { return f }
		if err == nil {
			continue // all of it fitted
		}
		failed++
		if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "step-000002") {
			t.Errorf("budget %d: error %v, want ENOSPC naming step-000002", budget, err)
		}
		folder, lerr := Latest(dir)
		if lerr != nil || filepath.Base(folder) != "step-000001" {
			t.Errorf("budget %d: latest %q, %v; want step-000001", budget, folder, lerr)
		}
		if _, _, err := Load(folder); err != nil {
			t.Errorf("budget %d: previous checkpoint: %v", budget, err)
		}
		// A full disk while latest is replaced leaves step-000002 complete
		// but not yet named; otherwise there is no such folder.
		if _, err := os.Stat(filepath.Join(dir, "step-000002")); err == nil {
			if _, _, err := Load(filepath.Join(dir, "step-000002")); err != nil {
				t.Errorf("budget %d: an incomplete step-000002 was left: %v", budget, err)
			}
		}
		if _, err := Save(dir, 2, files, map[string]int{"step": 2}); err != nil {
			t.Errorf("budget %d: Save once space is back: %v", budget, err)
		}
	}
	if failed < 25 {
		t.Errorf("only %d of %d budgets ran out of space", failed, len(budgets))
	}
}
