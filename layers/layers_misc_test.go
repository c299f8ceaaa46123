package layers_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/layers"
)

// Positions, dropout and constructor errors; the gradient checks are in fd_test.go.

func TestSinusoidalPositions(t *testing.T) {
	const maxLen = 5
	g := newG(t)
	x := g.Input("x", batch*seq, dim)
	pos, err := layers.NewPositions(g, "pos", false, maxLen, dim, batch, seq)
	if err != nil {
		t.Fatal(err)
	}
	out := pos.Forward(x)
	y := g.Watch(out)
	if len(g.Params()) != 0 {
		t.Fatalf("sinusoidal positions declared %v", g.Names())
	}
	xs := graph.Normal(1)(rand.New(rand.NewPCG(1, 1)), []int{batch * seq, dim})
	if err := g.Set(x, xs); err != nil {
		t.Fatal(err)
	}
	if err := g.Compile(nil); err != nil {
		t.Fatal(err)
	}
	if err := g.Run(); err != nil {
		t.Fatal(err)
	}
	pe := layers.Sinusoidal(maxLen, dim)
	for i, v := range y.Value() {
		row, col := i/dim, i%dim
		// 1e-7 admits a table kept in float32 precision, as PyTorch's model keeps it.
		if want := xs[i] + pe[(row%seq)*dim+col]; math.Abs(v-want) > 1e-7 {
			t.Errorf("token %d feature %d: %g, want %g", row, col, v, want)
		}
	}
}

func TestDropout(t *testing.T) {
	const p = 0.5
	g := newG(t)
	d := layers.NewDropout(g, p)
	ones := g.Constant("ones", slices.Repeat([]float64{1}, batch*seq*dim), batch*seq, dim)
	dropped := d.Forward(ones, "drop")
	w := g.Watch(dropped) // ones ⊙ mask shows the mask
	if err := g.Compile(nil); err != nil {
		t.Fatal(err)
	}
	mask := func(seed uint64, training bool) []float64 {
		if err := d.Fill(rand.New(rand.NewPCG(seed, 1)), training); err != nil {
			t.Fatal(err)
		}
		if err := g.Run(); err != nil {
			t.Fatal(err)
		}
		return slices.Clone(w.Value())
	}
	a, b := mask(7, true), mask(7, true)
	if !slices.Equal(a, b) {
		t.Errorf("same seed, different masks:\n%v\n%v", a, b)
	}
	if slices.Equal(a, mask(8, true)) {
		t.Error("different seeds gave the same mask")
	}
	counts := map[float64]int{}
	for _, v := range a {
		counts[v]++
	}
	if len(counts) != 2 || counts[0] == 0 || counts[1/(1-p)] == 0 {
		t.Errorf("mask values %v: want both 0 and %g", counts, 1/(1-p))
	}
	for i, v := range mask(7, false) {
		if v != 1 {
			t.Fatalf("evaluation mask[%d] = %g, want 1", i, v)
		}
	}

	// P == 0 returns its input and adds no node.
	before := len(g.Expr().AllNodes())
	if y := layers.NewDropout(g, 0).Forward(ones, "none"); y != ones {
		t.Error("P=0 dropout did not return its input")
	}
	if after := len(g.Expr().AllNodes()); after != before {
		t.Errorf("P=0 dropout added %d nodes", after-before)
	}
}

// errOf keeps only the error of a constructor call.
func errOf[T any](_ T, err error) error { return err }

func TestConstructorErrors(t *testing.T) {
	cfg := arch.Shape{DModel: dim, Heads: heads, FF: ff, Layers: 0, Activation: arch.ReLU}
	cases := []struct {
		name string
		do   func(g *graph.Graph) error
	}{
		{"attention d not divisible by heads", func(g *graph.Graph) error { return errOf(layers.NewAttention(g, "", 5, 2, nil)) }},
		{"attention zero heads", func(g *graph.Graph) error { return errOf(layers.NewAttention(g, "", 4, 0, nil)) }},
		{"unknown activation", func(g *graph.Graph) error { return errOf(layers.NewFeedForward(g, "", 4, 8, "tanh", nil)) }},
		{"encoder with 0 layers", func(g *graph.Graph) error { return errOf(layers.NewEncoder(g, "encoder", cfg)) }},
		{"seqLen > maxLen", func(g *graph.Graph) error { return errOf(layers.NewPositions(g, "pos", false, 3, dim, batch, 4)) }},
		{"empty vocabulary", func(g *graph.Graph) error { return errOf(layers.NewEmbedding(g, "embed", 0, dim, 0)) }},
		{"negative embedding std", func(g *graph.Graph) error { return errOf(layers.NewEmbedding(g, "embed", 6, dim, -1)) }},
		{"duplicate name", func(g *graph.Graph) error {
			if err := errOf(layers.NewLinear(g, "lin", 2, 2)); err != nil {
				return nil // the first declaration must succeed
			}
			return errOf(layers.NewLinear(g, "lin", 2, 2))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.do(newG(t))
			if err == nil {
				t.Fatal("no error")
			}
			t.Log(err)
		})
	}
}

// TestEmbeddingInitStd checks that the word embedding starts N(0, std²),
// std 0 standing for nn.Embedding's 1.
func TestEmbeddingInitStd(t *testing.T) {
	for _, c := range []struct{ std, want float64 }{{0, 1}, {1, 1}, {0.1, 0.1}} {
		e, err := layers.NewEmbedding(newG(t), "embed", 200, 16, c.std)
		if err != nil {
			t.Fatal(err)
		}
		var sum, sq float64
		w := e.Weight.Data().([]float64)
		for _, v := range w {
			sum += v
			sq += v * v
		}
		n := float64(len(w))
		mean := sum / n
		std := math.Sqrt(sq/n - mean*mean)
		if math.Abs(std-c.want) > 0.05*c.want || math.Abs(mean) > 0.1*c.want {
			t.Errorf("std %v: got mean %.4f std %.4f, want mean 0 std %v", c.std, mean, std, c.want)
		}
	}
}
