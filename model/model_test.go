package model_test

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/modelfile"
	"gorgonia.org/tensor"
)

// tinyModel is a model of both heads small enough to check by hand, and a
// batch of two sentences for it (the second padded), nothing masked.
func tinyModel() (model.Config, data.Batch) {
	cfg := model.Config{Vocab: 12, Senses: 2, MLMHead: true, Shape: arch.Shape{DModel: 8, Heads: 2, FF: 16, Layers: 2, MaxLen: 6, NormFirst: true, Activation: arch.GELU, Positions: arch.Learned}}
	const batch, seq = 2, 6
	return cfg, data.Batch{B: batch, T: seq, IDs: []int{5, 6, 7, 8, 0, 0, 9, 10, 11, 5, 6, 0}, Labels: slices.Repeat([]int{data.IgnoreLabel}, batch*seq),
		Pad: []bool{false, false, false, false, true, true, false, false, false, false, false, true}, Target: []int{1, 2}, Sense: []int{0, 1}, Index: []int{0, 1}}
}

// TestShareWeights: a forward-only model sharing a training model's weights
// computes, after the weights change, exactly what a copy made with Load does.
func TestShareWeights(t *testing.T) {
	cfg, bt := tinyModel()
	batch, seq := bt.B, bt.T
	opts := model.Options{Dtype: tensor.Float32, Loss: []string{"mlm", "sense"}}
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
	if err := modelfile.Load(copied, modelfile.Tensors(train)); err != nil {
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
	if !reflect.DeepEqual(a, b) {
		t.Errorf("shared weights: %+v; a copy of them: %+v", a, b)
	}
	fresh, err := model.New(cfg, batch, seq, opts)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := fresh.Run(bt, false, nil); err != nil || reflect.DeepEqual(c, a) {
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

// TestAttentionRow: Attention(layer, b, h, q) is one query's distribution
// over the keys of its own sequence: it sums to 1 and padded keys get 0.
func TestAttentionRow(t *testing.T) {
	cfg := model.Config{Vocab: 12, Shape: arch.Shape{DModel: 8, Heads: 2, FF: 16, Layers: 2, MaxLen: 4, NormFirst: true, Activation: arch.GELU, Positions: arch.Sinusoidal}}
	m, err := model.New(cfg, 2, 4, model.Options{Seed: 5, Observe: true})
	if err != nil {
		t.Fatal(err)
	}
	bt := data.Batch{B: 2, T: 4, IDs: []int{5, 6, 7, 0, 8, 9, 0, 0}, Labels: slices.Repeat([]int{data.IgnoreLabel}, 8),
		Pad: []bool{false, false, false, true, false, false, true, true}, Target: []int{-1, -1}, Sense: []int{-1, -1}, Index: []int{0, 1}}
	if _, err := m.Run(bt, false, nil); err != nil {
		t.Fatal(err)
	}
	for l := 0; l < cfg.Layers; l++ {
		for b := 0; b < 2; b++ {
			for h := 0; h < cfg.Heads; h++ {
				for q := 0; q < 4; q++ {
					row := m.Attention(l, b, h, q)
					var sum float64
					for k, p := range row {
						sum += p
						if bt.Pad[b*4+k] && p != 0 {
							t.Errorf("layer %d seq %d head %d query %d: padded key %d gets %v", l, b, h, q, k, p)
						}
					}
					if math.Abs(sum-1) > 1e-6 {
						t.Errorf("layer %d seq %d head %d query %d: probabilities sum to %v", l, b, h, q, sum)
					}
				}
			}
		}
	}
}

// TestConfigValidate: a model shape follows the config file's rules (one
// home for them) plus the sizes the data gives.
func TestConfigValidate(t *testing.T) {
	good := model.Config{Vocab: 12, Shape: arch.Shape{DModel: 8, Heads: 2, FF: 16, Layers: 1, MaxLen: 4, Activation: arch.GELU, Positions: arch.Learned}}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		edit func(*model.Config)
		want string
	}{
		{"heads", func(c *model.Config) { c.Heads = 3 }, "model.heads"},
		{"activation", func(c *model.Config) { c.Activation = "tanh" }, "model.activation"},
		{"positions", func(c *model.Config) { c.Positions = "rotary" }, "model.positions"},
		{"dropout", func(c *model.Config) { c.Dropout = 1 }, "model.dropout"},
		{"max_len", func(c *model.Config) { c.MaxLen = 1 }, "model.max_len"},
		{"vocab", func(c *model.Config) { c.Vocab = 3 }, "vocabulary"},
		{"senses", func(c *model.Config) { c.Senses = -1 }, "senses"},
	} {
		c := good
		tc.edit(&c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error naming %s", tc.name, err, tc.want)
		}
	}
}
