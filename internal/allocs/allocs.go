// Package allocs measures what a piece of code allocates, for the tests
// that bound it (a training step, a fuzzed reader).
package allocs

import "runtime"

// PerCall runs f n times (n ≥ 1) and returns the heap objects and bytes
// it allocated per call, averaged and rounded down. Unlike
// testing.AllocsPerRun it counts bytes too, and it does not change
// GOMAXPROCS, so parallel code runs as it does in use.
func PerCall(n int, f func()) (objects, bytes uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range n {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.Mallocs - before.Mallocs) / uint64(n), (after.TotalAlloc - before.TotalAlloc) / uint64(n)
}
