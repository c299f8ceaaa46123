package train

import (
	"runtime"
	"testing"
)

// A step of the default run allocates little once warm (issue 21's budget:
// under 1,000 objects and 1 MB a step): its buffers are the graph's, the
// kernels' and the optimizer's, kept from step to step. A call that copies
// its arguments to the heap once per row or per product breaks it.
func TestDefaultStepAllocations(t *testing.T) {
	tr := steppedDefault(t)
	step := func() {
		if _, err := tr.step(); err != nil {
			t.Fatal(err)
		}
	}
	const steps = 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range steps {
		step()
	}
	runtime.ReadMemStats(&after)
	objects := float64(after.Mallocs-before.Mallocs) / steps
	bytes := float64(after.TotalAlloc-before.TotalAlloc) / steps
	t.Logf("%.0f objects, %.0f bytes a step", objects, bytes)
	if objects >= 1000 || bytes >= 1<<20 {
		t.Errorf("a step allocates %.0f objects and %.0f bytes, want under 1,000 and 1 MB", objects, bytes)
	}
}
