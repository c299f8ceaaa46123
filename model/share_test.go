package model_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/model"
	"gorgonia.org/tensor"
)

// TestShareWeights: a forward-only model sharing a training model's weights
// computes, after the weights change, exactly what a copy made with Load does.
func TestShareWeights(t *testing.T) {
	cfg := model.Config{Vocab: 12, Dim: 8, Heads: 2, FF: 16, Layers: 2, MaxLen: 6, NormFirst: true, Activation: "gelu", Positions: "learned", Senses: 2}
	const batch, seq = 2, 6
	opts := model.Options{Dtype: tensor.Float32, MLM: true, Sense: true}
	train := func() *model.Model {
		o := opts
		o.Grad, o.Seed = true, 1
		m, err := model.New(cfg, batch, seq, o)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}()
	shared, err := model.New(cfg, batch, seq, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := shared.ShareWeights(train); err != nil {
		t.Fatal(err)
	}
	bt := data.Batch{B: batch, T: seq, IDs: []int{5, 6, 7, 8, 0, 0, 9, 10, 11, 5, 6, 0}, Labels: slices.Repeat([]int{data.IgnoreLabel}, batch*seq),
		Pad: []bool{false, false, false, false, true, true, false, false, false, false, false, true}, Target: []int{1, 2}, Sense: []int{0, 1}, Index: []int{0, 1}}
	bt.Labels[2], bt.Labels[7] = 7, 10
	// Change the training weights in place, as an optimizer step does.
	rng := rand.New(rand.NewPCG(3, 4))
	for _, p := range train.G.Params() {
		for i, w := range p.Data().([]float32) {
			p.Data().([]float32)[i] = w + float32(rng.NormFloat64()*0.1)
		}
	}
	copied, err := model.New(cfg, batch, seq, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := copied.Load(train.Tensors()); err != nil {
		t.Fatal(err)
	}
	a, err := shared.Run(bt, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := copied.Run(bt, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Errorf("shared weights: %+v; a copy of them: %+v", a, b)
	}
	fresh, err := model.New(cfg, batch, seq, opts)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := fresh.Run(bt, false, nil); err != nil || c == a {
		t.Errorf("a model with its own weights computes the same (%v): the test cannot tell sharing from not", err)
	}
	other := cfg
	other.FF = 8
	wrong, err := model.New(other, batch, seq, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := wrong.ShareWeights(train); err == nil {
		t.Error("sharing the weights of another shape: no error")
	}
}
