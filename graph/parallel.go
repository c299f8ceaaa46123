package graph

import "github.com/attendlab/attend/internal/kernels"

// parallel calls f(lo, hi) over [0, n) split into contiguous chunks, one per
// worker, on the kernels package's pool, and waits (kernels.ParallelWork).
// f must write only what its own range owns: every element is computed by
// the same code whichever worker runs it, so results do not depend on the
// worker count. cost is the work per index, in elements, to decide whether
// splitting pays.
func parallel(n, cost int, f func(lo, hi int)) { kernels.ParallelWork(n, cost, f) }
