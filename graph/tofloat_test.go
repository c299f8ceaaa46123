package graph

import (
	"testing"

	"gorgonia.org/tensor"
)

// toFloat64 converts float32 values exactly, reuses a large enough dst and
// allocates once, at the right size, otherwise.
func TestToFloat64(t *testing.T) {
	big := make([]float32, 5000)
	for i := range big {
		big[i] = float32(i)/3 - 7
	}
	for _, c := range []struct {
		name   string
		src    []float32
		dst    []float64
		reused bool
	}{
		{"nil dst", big, nil, false},
		{"short dst", big, make([]float64, 10), false},
		{"roomy dst", big[:100], make([]float64, 3, 200), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := tensor.New(tensor.WithShape(len(c.src)), tensor.WithBacking(c.src))
			got, err := toFloat64(v, c.dst)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.src) {
				t.Fatalf("%d values, want %d", len(got), len(c.src))
			}
			for i, x := range c.src {
				if got[i] != float64(x) {
					t.Fatalf("value %d = %v, want %v", i, got[i], float64(x))
				}
			}
			if c.reused && &got[0] != &c.dst[:1][0] {
				t.Errorf("dst of capacity %d not reused for %d values", cap(c.dst), len(c.src))
			}
			if !c.reused && cap(got) != len(c.src) {
				t.Errorf("capacity %d, want exactly %d", cap(got), len(c.src))
			}
		})
	}
}
