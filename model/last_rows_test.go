package model_test

import (
	"testing"

	"github.com/attendlab/attend/model"
	"gorgonia.org/tensor"
)

// When the one head that reads the final vectors reads some rows, the last
// layer computes only those: loss and every gradient are the whole layer's
// (float64, to rounding; Options.Observe builds the whole layer). Two heads
// reading, or dropout, keep the whole layer.
func TestLastLayerRowsSameAsEveryRow(t *testing.T) {
	for _, c := range []struct {
		name    string
		loss    []string
		senses  int
		dropout float64
		post    bool // post-norm layers
		alone   bool
	}{
		{"sense and contrast", []string{"sense"}, 2, 0, false, true},
		{"sense, post-norm", []string{"sense"}, 2, 0, true, true},
		{"masked LM", []string{"mlm"}, 0, 0, false, true},
		{"masked LM, post-norm", []string{"mlm"}, 0, 0, true, true},
		{"masked LM beside a sense head", []string{"mlm"}, 2, 0, false, false},
		{"both losses", []string{"mlm", "sense"}, 2, 0, false, false},
		{"dropout", []string{"sense"}, 2, 0.1, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg, bt := tinyModel()
			cfg.Senses, cfg.Dropout, cfg.NormFirst = c.senses, c.dropout, !c.post
			for _, r := range []int{2, 7, 9} {
				bt.Labels[r] = bt.IDs[r] % cfg.Vocab
			}
			build := func(observe bool) *model.Model {
				m, err := model.New(cfg, bt.B, bt.T, model.Options{Dtype: tensor.Float64, Loss: c.loss, Grad: true, Seed: 1,
					MaxMaskedRows: 4, Observe: observe, Weights: map[string]float64{"contrast": 0.5}})
				if err != nil {
					t.Fatal(err)
				}
				return m
			}
			whole, rows := build(true), build(false)
			if got := model.LastLayerRows(rows); got != c.alone {
				t.Fatalf("last layer at the heads' rows: %v, want %v", got, c.alone)
			}
			if model.LastLayerRows(whole) {
				t.Fatal("Observe: the last layer computes only some rows")
			}
			if c.dropout > 0 {
				return // the masks differ between the builds; the check above is the point
			}
			for range 2 { // a second run into the buffers of the first
				a, err := whole.Run(bt, false, nil)
				if err != nil {
					t.Fatal(err)
				}
				b, err := rows.Run(bt, false, nil)
				if err != nil {
					t.Fatal(err)
				}
				if !near64(a.Loss, b.Loss) {
					t.Errorf("loss %v, whole layer %v", b.Loss, a.Loss)
				}
				sameGradients(t, whole, rows)
			}
		})
	}
}
