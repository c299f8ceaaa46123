package layers_test

import (
	"fmt"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/internal/reftest"
	"github.com/attendlab/attend/layers"
)

// Each case rebuilds the reference computation from the file's config, binds
// the reference parameters by name, and compares the output and every gradient.

func TestLayerNormReference(t *testing.T) {
	for _, dt := range reftest.Dtypes {
		h := reftest.New(t, "layernorm.json", dt)
		x := h.DiffInput("in.x")
		ln, err := layers.NewLayerNorm(h.G, "", x.Shape()[1])
		if err != nil {
			t.Fatal(err)
		}
		if ln.Eps, err = h.Case.Float("eps"); err != nil {
			t.Fatal(err)
		}
		y := ln.Forward(x)
		h.BindParams(".") // reference names are "weight", "bias": our names are ".weight", ".bias"
		w := h.G.Watch(y)
		h.Run(h.SumTimes(y, "in.R"))
		h.Compare("out.y", w.Value(), "out.y")
		h.CompareGrads(".")
	}
}

func TestAttentionReference(t *testing.T) {
	for _, dt := range reftest.Dtypes {
		h := reftest.New(t, "mha.json", dt)
		d, heads := h.Int("d_model"), h.Int("heads")
		batch := h.Tensor("in.x").Shape[0]
		seq := h.Tensor("in.x").Shape[1]
		x := h.DiffInput("in.x")
		pad := h.Const("in.pad", batch, seq)
		a, err := layers.NewAttention(h.G, "", d, heads, nil)
		if err != nil {
			t.Fatal(err)
		}
		o, probs := a.Forward(x, pad, batch)
		h.BindParams("")
		wo, wp := h.G.Watch(o), h.G.Watch(probs)
		h.Run(h.SumTimes(o, "in.R"))
		h.Compare("out.o", wo.Value(), "out.o")
		h.Compare("out.attn", wp.Value(), "out.attn")
		h.CompareGrads("")
	}
}

func TestEncoderLayerReference(t *testing.T) {
	for _, file := range []string{"encoder_layer_post_relu.json", "encoder_layer_pre_gelu.json"} {
		for _, dt := range reftest.Dtypes {
			t.Run(fmt.Sprintf("%s/%v", file, dt), func(t *testing.T) {
				h := reftest.New(t, file, dt)
				nf, err := h.Case.Bool("norm_first")
				if err != nil {
					t.Fatal(err)
				}
				act, err := h.Case.String("activation")
				if err != nil {
					t.Fatal(err)
				}
				cfg := arch.Shape{DModel: h.Int("d_model"), Heads: h.Int("heads"), FF: h.Int("ff"), Layers: 1, NormFirst: nf, Activation: arch.Activation(act)}
				shape := h.Tensor("in.x").Shape
				x := h.DiffInput("in.x")
				pad := h.Const("in.pad", shape[0], shape[1])
				l, err := layers.NewEncoderLayer(h.G, "", cfg, nil)
				if err != nil {
					t.Fatal(err)
				}
				y, _ := l.Forward(x, pad, shape[0])
				h.BindParams("")
				w := h.G.Watch(y)
				h.Run(h.SumTimes(y, "in.R"))
				h.Compare("out.y", w.Value(), "out.y")
				h.CompareGrads("")
			})
		}
	}
}

func TestSinusoidalReference(t *testing.T) {
	h := reftest.New(t, "sinusoidal.json", reftest.Dtypes[0])
	pe := layers.Sinusoidal(h.Int("max_len"), h.Int("d_model"))
	h.Compare("out.pe", pe, "out.pe")
}
