package allocs_test

import (
	"testing"

	"github.com/attendlab/attend/internal/allocs"
)

var sink []byte

func TestPerCall(t *testing.T) {
	for _, c := range []struct {
		size        int
		wantObjects uint64
	}{{0, 0}, {1 << 16, 1}} {
		objects, bytes := allocs.PerCall(10, func() {
			if c.size > 0 {
				sink = make([]byte, c.size)
			}
		})
		if objects < c.wantObjects || objects > c.wantObjects+1 || bytes < uint64(c.size) || bytes > uint64(c.size)+1024 {
			t.Errorf("a call making %d bytes: %d objects and %d bytes per call", c.size, objects, bytes)
		}
	}
}
