package graph_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/internal/reftest"
	"gorgonia.org/gorgonia"
)

// The primitives against PyTorch, in both dtypes. Shapes come from the files
// so that ATTEND_TORCH_REF can point at another reference set.

func TestGELUReference(t *testing.T) {
	for _, dt := range reftest.Dtypes {
		t.Run(fmt.Sprint(dt), func(t *testing.T) {
			h := reftest.New(t, "gelu.json", dt)
			in := h.Tensor("in.x")
			// in.x keeps its own shape (1-D in the stock file): DiffInput would flatten it to 2-D.
			x, err := h.G.NewParam("in.x", graph.AsIs, func(*rand.Rand, []int) []float64 { return in.Data }, in.Shape...)
			if err != nil {
				t.Fatal(err)
			}
			y := h.G.GELU(x.Node())
			w := h.G.Watch(y)
			h.Run(must(t)(gorgonia.Sum(y))) // the file differentiates sum(y)
			h.Compare("out.y", w.Value(), "out.y")
			h.CompareGrads("") // in.x against grad.x
		})
	}
}

func TestCrossEntropyReference(t *testing.T) {
	for _, dt := range reftest.Dtypes {
		t.Run(fmt.Sprint(dt), func(t *testing.T) {
			h := reftest.New(t, "cross_entropy.json", dt)
			logits := h.DiffInput("in.logits")
			target := h.Tensor("in.target")
			ignored := 0
			for _, v := range target.Data {
				if v < 0 {
					ignored++
				}
			}
			t.Logf("%d of %d rows ignored", ignored, target.Size())
			labels := h.G.Input("in.target", target.Size())
			if err := h.G.Set(labels, target.Data); err != nil {
				t.Fatal(err)
			}
			loss := h.G.CrossEntropy(logits, labels)
			w := h.G.Watch(loss)
			h.Run(loss)
			h.Compare("out.loss", w.Value(), "out.loss")
			h.CompareGrads("") // in.logits against grad.logits
		})
	}
}
