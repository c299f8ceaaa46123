package metrics

import (
	"errors"
	"math"
	"testing"
)

func TestPCA2Line(t *testing.T) {
	// Points on a line through (1, 2, 3) with direction (2, -1, 2)/3, at
	// signed distances ts along it. PCA must find the line: the first
	// coordinate reproduces the distances (up to a shift to the mean and a
	// sign), the second is 0.
	ts := []float64{-2, 0, 0.5, 3, 7}
	dir := []float64{2.0 / 3, -1.0 / 3, 2.0 / 3}
	vecs := make([][]float64, len(ts))
	for i, s := range ts {
		vecs[i] = []float64{1 + s*dir[0], 2 + s*dir[1], 3 + s*dir[2]}
	}
	pts, err := PCA2(vecs)
	if err != nil {
		t.Fatal(err)
	}
	for i := range pts {
		if !near(pts[i][1], 0, 1e-9) {
			t.Errorf("point %d: second coordinate %v, want 0", i, pts[i][1])
		}
		for j := range pts {
			if got, want := math.Abs(pts[i][0]-pts[j][0]), math.Abs(ts[i]-ts[j]); !near(got, want, 1e-9) {
				t.Errorf("points %d,%d: distance on PC1 %v, want %v", i, j, got, want)
			}
		}
	}
	// The largest loading (|2/3|, first such) is made positive, so the
	// first coordinate grows with ts.
	if pts[len(pts)-1][0] <= pts[0][0] {
		t.Errorf("PC1 sign not fixed: first %v, last %v", pts[0][0], pts[len(pts)-1][0])
	}
}

func TestPCA2(t *testing.T) {
	tests := []struct {
		name string
		vecs [][]float64
		want [][2]float64
	}{
		{"identical", identical, make([][2]float64, len(identical))},
		{"single", [][]float64{{3, 4}}, [][2]float64{{0, 0}}},
		// A rectangle in the plane, longer along y: PC1 is the y axis, PC2
		// the x axis, each with its loading made positive.
		{"rectangle", [][]float64{{1, 3}, {-1, 3}, {1, -3}, {-1, -3}},
			[][2]float64{{3, 1}, {3, -1}, {-3, 1}, {-3, -1}}},
		// One-dimensional vectors have no second component.
		{"1-D", [][]float64{{1}, {2}, {4}}, [][2]float64{{-4.0 / 3, 0}, {-1.0 / 3, 0}, {5.0 / 3, 0}}},
	}
	for _, tt := range tests {
		got, err := PCA2(tt.vecs)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		for i := range tt.want {
			if !near(got[i][0], tt.want[i][0], 1e-9) || !near(got[i][1], tt.want[i][1], 1e-9) {
				t.Errorf("%s: point %d = %v, want %v", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

func TestPCA2Deterministic(t *testing.T) {
	a, errA := PCA2(mixed)
	b, errB := PCA2(mixed)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("point %d: %v then %v", i, a[i], b[i])
		}
	}
}

func TestPCA2Errors(t *testing.T) {
	tests := []struct {
		name string
		vecs [][]float64
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"ragged", [][]float64{{1, 2}, {1}}, ErrMismatch},
		{"NaN", [][]float64{{1, math.NaN()}}, ErrNotFinite},
	}
	for _, tt := range tests {
		if _, err := PCA2(tt.vecs); !errors.Is(err, tt.want) {
			t.Errorf("%s: error = %v, want %v", tt.name, err, tt.want)
		}
	}
}
