package graph

import (
	"runtime"

	"github.com/attendlab/attend/kernels"
)

// minChunk is the least work (in elements) worth a worker of its own.
const minChunk = 4096

// parallel calls f(lo, hi) over [0, n) split into contiguous chunks, one per
// worker (GOMAXPROCS at most), on the kernels package's pool, and waits. f
// must write only what its own range owns: every element is computed by the
// same code whichever worker runs it, so results do not depend on the worker
// count. cost is the work per index, in elements, to decide whether
// splitting pays.
func parallel(n, cost int, f func(lo, hi int)) {
	kernels.Parallel(n, min(runtime.GOMAXPROCS(0), n*cost/minChunk), f)
}
