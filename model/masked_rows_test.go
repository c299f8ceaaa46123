package model_test

import (
	"math"
	"strings"
	"testing"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/model"
	"gorgonia.org/tensor"
)

// With Options.MaxMaskedRows the masked-LM head scores only the masked rows:
// the loss, the accuracy and every gradient are the full head's (float64,
// to rounding), each masked row's scores are the full head's row, and a
// batch with more masked positions than the head reads is an error.
func TestMaxMaskedRowsSameAsEveryRow(t *testing.T) {
	cfg, bt := tinyModel()
	const rows = 4
	build := func(masked int) *model.Model {
		m, err := model.New(cfg, bt.B, bt.T, model.Options{Dtype: tensor.Float64, Loss: []string{"mlm", "sense"}, Grad: true, Seed: 1, MaxMaskedRows: masked})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	full, gathered := build(0), build(rows)
	for _, labelled := range [][]int{{2, 7, 9}, {0}, {1, 3, 6, 10}, {}} {
		for i := range bt.Labels {
			bt.Labels[i] = data.IgnoreLabel
		}
		for _, r := range labelled {
			bt.Labels[r] = bt.IDs[r] % cfg.Vocab
		}
		a, err := full.Run(bt, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := gathered.Run(bt, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		near := func(what string, x, y float64) {
			if !near64(x, y) {
				t.Errorf("rows %v: %s %v, every row %v", labelled, what, y, x)
			}
		}
		near("loss", a.Loss, b.Loss)
		if ac, bc := a.Accuracy("mlm"), b.Accuracy("mlm"); ac != bc {
			t.Errorf("rows %v: accuracy %v, every row %v", labelled, bc, ac)
		}
		lf, lg := full.Logits(), gathered.Logits()
		if len(lg) != rows*cfg.Vocab {
			t.Fatalf("%d scores, want %d", len(lg), rows*cfg.Vocab)
		}
		for k, r := range labelled {
			for j := range cfg.Vocab {
				near("score", lf[r*cfg.Vocab+j], lg[k*cfg.Vocab+j])
			}
		}
		sameGradients(t, full, gathered)
	}
	for r := range 5 {
		bt.Labels[r] = 1
	}
	if _, err := gathered.Run(bt, false, nil); err == nil || !strings.Contains(err.Error(), "MaxMaskedRows") {
		t.Errorf("5 masked positions for 4 rows: %v, want an error naming MaxMaskedRows", err)
	}
}

// near64 says whether y is x to 1e-12 (relative; absolute near zero), as
// two builds of the same arithmetic agree in float64.
func near64(x, y float64) bool { return math.Abs(x-y) <= 1e-12*(1+math.Abs(x)) }

// sameGradients fails t where a parameter's gradient after got's last run
// is not want's (near64), or exists in one model only.
func sameGradients(t *testing.T, want, got *model.Model) {
	t.Helper()
	for i, p := range want.G.Params() {
		gw, errW := p.TorchGrad()
		gg, errG := got.G.Params()[i].TorchGrad()
		if (errW == nil) != (errG == nil) {
			t.Fatalf("%s gradient: %v, want %v", p.Name, errG, errW)
		}
		for j := range gw {
			if !near64(gw[j], gg[j]) {
				t.Errorf("%s gradient[%d] %v, want %v", p.Name, j, gg[j], gw[j])
			}
		}
	}
}
