package graph_test

import (
	"strings"
	"testing"

	"github.com/attendlab/attend/graph"
)

// TestStickyError: the first failing op's error is kept, later ops return nil
// without replacing it, and Compile reports it.
func TestStickyError(t *testing.T) {
	tests := []struct {
		name  string
		build func(g *graph.Graph) *graph.Node
		want  string
	}{
		{"shape", func(g *graph.Graph) *graph.Node {
			bad := g.Linear(g.Input("x", 2, 3), g.Input("w", 4, 5), nil) // in 3 ≠ 4
			return g.GELU(g.Add(bad, g.Input("y", 2, 5)))
		}, "linear: (2, 3) · (4, 5)"},
		{"first of two", func(g *graph.Graph) *graph.Node {
			g.Lookup(g.Input("table", 3, 2), g.Input("ids", 4)) // float ids
			return g.SupCon(g.Input("x", 2, 2), g.Input("labels", 2), -1)
		}, "lookup: want table [V,D] and int ids"},
		{"nil input", func(g *graph.Graph) *graph.Node { return g.ReLU(nil) }, "ReLU: input 0 is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newG(t)
			if g.Err() != nil {
				t.Fatalf("a new graph has error %v", g.Err())
			}
			if y := tt.build(g); y != nil {
				t.Error("an op after the error returned a node")
			}
			if err := g.Err(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Err() = %v, want one containing %q", err, tt.want)
			}
			w := g.Watch(nil) // a watch of a failed node is harmless
			if err := g.Compile(nil); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Compile = %v, want the kept error %q", err, tt.want)
			}
			if w.Value() != nil {
				t.Error("the watch of a failed node has a value")
			}
		})
	}
}
