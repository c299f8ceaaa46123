package graph

import (
	"runtime"
	"sync"
)

// minChunk is the least work (in elements) worth a goroutine of its own.
const minChunk = 4096

// parallel calls f(lo, hi) over [0, n) split into contiguous chunks, one per
// worker (GOMAXPROCS at most), and waits. f must write only what its own range
// owns: every element is computed by the same code whichever worker runs it,
// so results do not depend on the worker count. cost is the work per index, in
// elements, to decide whether splitting pays.
func parallel(n, cost int, f func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n*cost/minChunk)
	if workers <= 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			f(lo, hi)
		}(n*w/workers, n*(w+1)/workers)
	}
	f(0, n/workers)
	wg.Wait()
}
