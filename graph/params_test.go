package graph_test

import (
	"strings"
	"testing"

	"github.com/attendlab/attend/graph"
)

// TestParamShare: a shared parameter reads its source's later values; a
// parameter of another shape or dtype is refused, naming it.
func TestParamShare(t *testing.T) {
	src, dst := newG(t), newG(t)
	p, _ := src.NewParam("w", graph.Transposed, graph.Fill(1), 2, 3)
	q, _ := dst.NewParam("w", graph.Transposed, graph.Fill(0), 2, 3)
	r, _ := dst.NewParam("r", graph.Transposed, graph.Fill(0), 3, 2)
	if err := q.Share(p); err != nil {
		t.Fatal(err)
	}
	if err := p.SetTorch([]float64{1, 2, 3, 4, 5, 6}); err != nil {
		t.Fatal(err)
	}
	if got := q.Torch(); got[5] != 6 {
		t.Errorf("shared values %v, want the source's 1..6", got)
	}
	if err := r.Share(p); err == nil || !strings.Contains(err.Error(), "share r") {
		t.Errorf("another shape: got %v, want an error naming r", err)
	}
}
