package metrics

import (
	"math"
	"strconv"
	"testing"
)

// TestRoundTicks: labelled ticks sit on multiples of 1, 2 or 5 times a
// power of ten, 3 to 8 of them, covering the range.
func TestRoundTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		step   float64
	}{
		{0, 4000, 1000},
		{10, 4000, 1000},
		{0.02, 4.3, 1},
		{-1.2, 1.6, 0.5},
		{0, 1, 0.2},
		{-6.9, 6.6, 2},
	}
	for _, tt := range tests {
		var labels []float64
		for _, tk := range (roundTicks{}).Ticks(tt.lo, tt.hi) {
			if tk.Value < tt.lo-1e-9 || tk.Value > tt.hi+1e-9 {
				t.Errorf("[%v, %v]: tick %v outside the range", tt.lo, tt.hi, tk.Value)
			}
			if tk.Label == "" {
				continue
			}
			v, err := strconv.ParseFloat(tk.Label, 64)
			if err != nil || math.Abs(v-tk.Value) > 1e-9 {
				t.Errorf("[%v, %v]: label %q for value %v", tt.lo, tt.hi, tk.Label, tk.Value)
			}
			if r := v / tt.step; math.Abs(r-math.Round(r)) > 1e-9 {
				t.Errorf("[%v, %v]: label %v is not a multiple of %v", tt.lo, tt.hi, v, tt.step)
			}
			labels = append(labels, v)
		}
		if len(labels) < 3 || len(labels) > 8 {
			t.Errorf("[%v, %v]: %d labelled ticks %v, want 3 to 8", tt.lo, tt.hi, len(labels), labels)
		}
	}
}

// TestLossMarkers: a long training curve is a bare line, a short
// validation curve keeps a marker on each point.
func TestLossMarkers(t *testing.T) {
	steps, loss := make([]int, 400), make([]float64, 400)
	for i := range steps {
		steps[i], loss[i] = 10*(i+1), 1/float64(i+1)
	}
	parts, err := lossParts([]Curve{{Name: "training", Steps: steps, Loss: loss},
		{Name: "validation", Steps: []int{500, 1000}, Loss: []float64{0.5, 0.3}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 2 || parts[0].dots != nil || parts[1].dots == nil || len(parts[1].dots.XYs) != 2 {
		t.Errorf("markers: training %v, validation %v; want none on the 400 training points, 2 on validation", parts[0].dots != nil, parts[1].dots != nil)
	}
}

// TestPCAFrame: the outermost points lie inside the frame with a margin,
// so their markers are not cut.
func TestPCAFrame(t *testing.T) {
	_, vecs, senses := synthetic()
	p, err := pcaPanel("bank", Panel{Title: "layer2", Vecs: vecs["layer2"]}, senses, []string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	pts, _, err := pca2(vecs["layer2"])
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := [2]float64{math.Inf(1), math.Inf(1)}, [2]float64{math.Inf(-1), math.Inf(-1)}
	for _, q := range pts {
		for k := range 2 {
			lo[k], hi[k] = math.Min(lo[k], q[k]), math.Max(hi[k], q[k])
		}
	}
	for k, a := range [][2]float64{{p.X.Min, p.X.Max}, {p.Y.Min, p.Y.Max}} {
		margin := 0.05 * (hi[k] - lo[k])
		if a[0] > lo[k]-margin || a[1] < hi[k]+margin {
			t.Errorf("axis %d spans [%v, %v], points [%v, %v]: want a margin of %v each side", k, a[0], a[1], lo[k], hi[k], margin)
		}
	}
}

// TestAttentionLabels: the token labels keep their size however long the
// sentence, and each token gets a row at least as tall as its label.
func TestAttentionLabels(t *testing.T) {
	for _, n := range []int{5, 12, 20, 40} {
		row := (attentionSide(n) - 1.6) * 72 / float64(n) // points per token
		if n > 8 && row < attentionTickSize {
			t.Errorf("%d tokens: %.1f points per row for %d-point labels", n, row, attentionTickSize)
		}
	}
	if attentionTickSize < 8 {
		t.Errorf("token labels of %d points are too small to read", attentionTickSize)
	}
}
