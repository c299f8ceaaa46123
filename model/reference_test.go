package model_test

import (
	"fmt"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/internal/reftest"
	"github.com/attendlab/attend/internal/torchref"
	"github.com/attendlab/attend/model"
)

// TestWholeModelReference builds each reference TinyEncoder from its file's
// config, loads its parameters by PyTorch name, runs the masked-LM loss and
// compares hidden states, logits, loss and the gradient of every parameter.
func TestWholeModelReference(t *testing.T) {
	for _, file := range []string{"model_post_relu_learned.json", "model_pre_gelu_sinusoidal.json"} {
		for _, dt := range reftest.Dtypes {
			t.Run(fmt.Sprintf("%s/%v", file, dt), func(t *testing.T) {
				c, err := torchref.Load(file)
				if err != nil {
					t.Fatal(err)
				}
				cfg := configFrom(t, c)
				ids := tensorOf(t, c, "in.ids")
				batch, seq := ids.Shape[0], ids.Shape[1]
				m, err := model.New(cfg, batch, seq, model.Options{Dtype: dt, Loss: []string{"mlm"}, Grad: true, Observe: true})
				if err != nil {
					t.Fatal(err)
				}
				bindAll(t, m, c)
				b := data.Batch{B: batch, T: seq, IDs: ids.Ints(), Labels: tensorOf(t, c, "in.target").Ints(),
					Pad: make([]bool, batch*seq), Target: make([]int, batch), Sense: make([]int, batch)}
				for i, id := range b.IDs {
					b.Pad[i] = id == data.PadID
				}
				r, err := m.Run(b, false, nil)
				if err != nil {
					t.Fatal(err)
				}
				h := &reftest.Harness{T: t, G: m.G, Case: c}
				hidden := m.Hidden()
				h.Compare("out.hidden", hidden[len(hidden)-1], "out.hidden")
				h.Compare("out.loss", []float64{r.Loss}, "out.loss")
				h.Compare("out.logits", m.Logits(), "out.logits")
				h.CompareGrads("")
			})
		}
	}
}

func tensorOf(t *testing.T, c *torchref.Case, name string) torchref.Tensor {
	t.Helper()
	x, err := c.T(name)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func configFrom(t *testing.T, c *torchref.Case) model.Config {
	t.Helper()
	get := func(k string) int {
		v, err := c.Int(k)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	nf, err := c.Bool("norm_first")
	if err != nil {
		t.Fatal(err)
	}
	act, err := c.String("activation")
	if err != nil {
		t.Fatal(err)
	}
	pos, err := c.String("pos")
	if err != nil {
		t.Fatal(err)
	}
	shape := arch.Shape{DModel: get("d_model"), Heads: get("heads"), FF: get("ff"), Layers: get("layers"), MaxLen: get("max_len"),
		NormFirst: nf, Activation: arch.Activation(act), Positions: arch.Position(pos)}
	return model.Config{Vocab: get("vocab"), Shape: shape, MLMHead: true}
}

// bindAll loads every "param.NAME" into the model and checks none is missing.
func bindAll(t *testing.T, m *model.Model, c *torchref.Case) {
	t.Helper()
	h := &reftest.Harness{T: t, G: m.G, Case: c}
	h.BindParams("")
}
