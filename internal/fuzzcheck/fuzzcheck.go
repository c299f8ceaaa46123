// Package fuzzcheck holds what the fuzz targets share: a bound on the memory
// one input may make a reader allocate.
package fuzzcheck

import (
	"runtime"
	"testing"
)

// Base is the allocation every input may use regardless of its size (the
// readers' own tables, a parsed default config).
const Base = 4 << 20

// Alloc runs f and fails t when it allocated more than Base plus perByte
// bytes for each of the input's n bytes: a reader must not trust a length or
// count in its input to size an allocation.
func Alloc(t *testing.T, n int, perByte uint64, f func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	if got, limit := after.TotalAlloc-before.TotalAlloc, Base+perByte*uint64(n); got > limit {
		t.Fatalf("allocated %d bytes for a %d-byte input (limit %d)", got, n, limit)
	}
}
