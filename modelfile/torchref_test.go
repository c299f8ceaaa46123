package modelfile_test

import (
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/internal/torchref"
	"github.com/attendlab/attend/model"
)

// The reference case's tensors and model config, as model's reference test
// reads them (model's tests are out of reach from here).
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
