package graph_test

import (
	"math/rand/v2"
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

// TestShareParams: a graph shares every parameter of its own by name; the
// source may hold more; a missing name, another shape or dtype is an error
// that names it.
func TestShareParams(t *testing.T) {
	src := newG(t)
	p, _ := src.NewParam("w", graph.Transposed, graph.Fill(1), 2, 3)
	_, _ = src.NewParam("head", graph.Row, graph.Fill(1), 4) // only the source has it
	for _, c := range []struct {
		name  string
		build func(g *graph.Graph)
		want  string // "" = shared
	}{
		{"same", func(g *graph.Graph) { _, _ = g.NewParam("w", graph.Transposed, graph.Fill(0), 2, 3) }, ""},
		{"missing", func(g *graph.Graph) { _, _ = g.NewParam("v", graph.Transposed, graph.Fill(0), 2, 3) }, `no parameter "v"`},
		{"shape", func(g *graph.Graph) { _, _ = g.NewParam("w", graph.Transposed, graph.Fill(0), 3, 2) }, "share w: shape"},
	} {
		dst := newG(t)
		c.build(dst)
		err := dst.ShareParams(src)
		if c.want != "" {
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: got %v, want an error containing %q", c.name, err, c.want)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		_ = p.SetTorch([]float64{1, 2, 3, 4, 5, 6})
		if q, _ := dst.Param("w"); q.Torch()[5] != 6 {
			t.Errorf("%s: shared values %v, want the source's 1..6", c.name, q.Torch())
		}
	}
	other, err := graph.New(graph.Float32, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if err := other.ShareParams(src); err == nil || !strings.Contains(err.Error(), "dtype") {
		t.Errorf("float32 from float64: got %v, want a dtype error", err)
	}
}
