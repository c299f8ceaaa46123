package model_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/modelfile"
)

// TestResized: a resized model predicts one sentence exactly as a model built
// for that shape and loaded with the weights does, follows later changes to
// the weights, and is built once per shape.
func TestResized(t *testing.T) {
	cfg := model.Config{Vocab: 12, Senses: 2, MLMHead: true, Shape: arch.Shape{DModel: 8, Heads: 2, FF: 16, Layers: 2, MaxLen: 6, NormFirst: true, Activation: arch.GELU, Positions: arch.Learned, Dropout: 0.1}}
	opts := model.Options{Loss: []string{"mlm", "sense"}, Observe: true, Seed: 1}
	grad := opts
	grad.Grad = true
	train, err := model.New(cfg, 4, 6, grad)
	if err != nil {
		t.Fatal(err)
	}
	one := data.Batch{B: 1, T: 3, IDs: []int{5, 9, 7}, Labels: []int{data.IgnoreLabel, 4, data.IgnoreLabel}, Pad: make([]bool, 3), Target: []int{1}, Sense: []int{1}, Index: []int{0}}
	predict := func(m *model.Model) (model.Result, []float64) {
		t.Helper()
		r, err := m.Run(one, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		h := m.Hidden()
		return r, slices.Clone(h[len(h)-1])
	}
	small, err := train.Resized(1, 3)
	if err != nil {
		t.Fatal(err)
	}
	for step := range 2 {
		fresh, err := model.New(cfg, 1, 3, opts)
		if err != nil {
			t.Fatal(err)
		}
		if err := modelfile.Load(fresh, modelfile.Tensors(train)); err != nil {
			t.Fatal(err)
		}
		gotR, got := predict(small)
		wantR, want := predict(fresh)
		if !reflect.DeepEqual(gotR, wantR) || !slices.Equal(got, want) {
			t.Errorf("step %d: resized %+v %v, built and loaded %+v %v", step, gotR, got, wantR, want)
		}
		for _, p := range train.G.Params() { // as an optimizer step does
			for i := range p.Data().([]float32) {
				p.Data().([]float32)[i] *= 1.5
			}
		}
	}
	if again, err := train.Resized(1, 3); err != nil || again != small {
		t.Errorf("a second call for 1×3 built another model (err %v)", err)
	}
	if same, err := small.Resized(1, 3); err != nil || same != small {
		t.Errorf("a forward-only model resized to its own shape is not itself (err %v)", err)
	}
	if _, err := train.Resized(1, 7); err == nil || !strings.Contains(err.Error(), "max_len 6") {
		t.Errorf("longer than max_len: got %v, want an error naming max_len 6", err)
	}
}
