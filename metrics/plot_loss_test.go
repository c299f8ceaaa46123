package metrics

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestPlotLoss(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "loss.png")
	err := PlotLoss(good, "loss", Curve{Name: "training", Steps: []int{1, 2, 3}, Loss: []float64{3, 2, 1}},
		Curve{Name: "validation"}) // no points yet: left out
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(good); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Errorf("%s is not a PNG (%v)", good, err)
	}
	err = PlotLoss(filepath.Join(dir, "nan.png"), "loss", Curve{Name: "training", Steps: []int{1}, Loss: []float64{math.NaN()}})
	if !errors.Is(err, ErrNotFinite) {
		t.Errorf("NaN loss: got %v, want ErrNotFinite", err)
	}
}
