// Package fuzzcheck holds what the fuzz targets share: a bound on the memory
// one input may make a reader allocate.
package fuzzcheck

import (
	"testing"

	"github.com/attendlab/attend/internal/allocs"
)

// Base is the allocation every input may use regardless of its size (the
// readers' own tables, a parsed default config).
const Base = 4 << 20

// Alloc runs f and fails t when it allocated more than Base plus perByte
// bytes for each of the input's n bytes: a reader must not trust a length or
// count in its input to size an allocation.
func Alloc(t *testing.T, n int, perByte uint64, f func()) {
	t.Helper()
	limit := Base + perByte*uint64(n)
	if _, got := allocs.PerCall(1, f); got > limit {
		t.Fatalf("allocated %d bytes for a %d-byte input (limit %d)", got, n, limit)
	}
}
