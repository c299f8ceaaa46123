package train

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCheckpoint times one checkpoint of the default run (model,
// optimizer state, run state; atomic rename and pruning included) and
// reports its size on disk.
func BenchmarkCheckpoint(b *testing.B) {
	tr := steppedDefault(b) // the optimizer's moments exist after a step
	var (
		folder string
		err    error
	)
	for b.Loop() {
		tr.Step++ // each save is a new step folder, as in a run
		if folder, err = tr.save(nil); err != nil {
			b.Fatal(err)
		}
	}
	var size int64
	entries, err := os.ReadDir(folder)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		fi, err := os.Stat(filepath.Join(folder, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		size += fi.Size()
	}
	b.ReportMetric(float64(size)/1e6, "MB/checkpoint")
}
