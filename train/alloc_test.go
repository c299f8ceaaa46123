package train

import (
	"testing"

	"github.com/attendlab/attend/internal/allocs"
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
	objects, bytes := allocs.PerCall(20, step)
	t.Logf("%d objects, %d bytes a step", objects, bytes)
	if objects >= 1000 || bytes >= 1<<20 {
		t.Errorf("a step allocates %d objects and %d bytes, want under 1,000 and 1 MB", objects, bytes)
	}
}
