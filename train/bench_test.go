package train

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/optim"
)

// benchShape is one size of the training-step benchmark. Its name,
// B32_T16_D64_H4_F256_L2_V300 for the reference shape, is a contract:
// scripts/bench.sh reads the sizes back from it to run the PyTorch twin.
type benchShape struct{ B, T, D, H, F, L, V int }

func (s benchShape) String() string {
	return fmt.Sprintf("B%d_T%d_D%d_H%d_F%d_L%d_V%d", s.B, s.T, s.D, s.H, s.F, s.L, s.V)
}

// benchShapes grow T at D=64, then D at T=16, from the reference shape of
// ../shared/bench/bench_torch.py (pre-norm GELU, F=4D, H=4, L=2, V=300).
func benchShapes() []benchShape {
	ref := benchShape{B: 32, T: 16, D: 64, H: 4, F: 256, L: 2, V: 300}
	shapes := []benchShape{ref}
	for _, t := range []int{32, 64, 128} {
		s := ref
		s.T = t
		shapes = append(shapes, s)
	}
	for _, d := range []int{128, 256} {
		s := ref
		s.D, s.F = d, 4*d
		shapes = append(shapes, s)
	}
	return shapes
}

// BenchmarkTrainStep times one full training step — forward, backward and an
// AdamW update — at each benchmark shape, with the last 3 positions padded
// and about 15% of tokens (and every first one) labelled, as the PyTorch
// twin scripts/bench_step.py does.
func BenchmarkTrainStep(b *testing.B) {
	for _, s := range benchShapes() {
		b.Run(s.String(), func(b *testing.B) { benchStep(b, s) })
	}
}

func benchStep(b *testing.B, s benchShape) {
	cfg := model.Config{Vocab: s.V, MLMHead: true, Shape: arch.Shape{DModel: s.D, Heads: s.H, FF: s.F, Layers: s.L, MaxLen: max(s.T, 32), NormFirst: true, Activation: arch.GELU, Positions: arch.Sinusoidal}}
	// As train builds it: the masked-LM head reads the masked rows only (the
	// twin, like PyTorch's usual MLM head, scores every row).
	m, err := model.New(cfg, s.B, s.T, model.Options{Loss: []string{"mlm"}, Grad: true, MaxMaskedRows: data.MaxMasked(s.B*s.T, 0.15)})
	if err != nil {
		b.Fatal(err)
	}
	var params []optim.Param[float32]
	for _, p := range m.G.Params() {
		params = append(params, optim.Param[float32]{Name: p.Name, Shape: p.Shape, Value: p.Data().([]float32)})
	}
	ac := optim.AdamDefaults() // PyTorch's AdamW settings
	ac.WeightDecay = 0.01
	opt := optim.NewAdamW[float32](ac)
	rng := rand.New(rand.NewPCG(1, 2))
	n := s.B * s.T
	bt := data.Batch{B: s.B, T: s.T, IDs: make([]int, n), Labels: make([]int, n),
		Pad: make([]bool, n), Target: make([]int, s.B), Sense: make([]int, s.B)}
	for i := range bt.IDs {
		bt.IDs[i], bt.Labels[i] = 4+rng.IntN(s.V-4), data.IgnoreLabel
		switch {
		case i%s.T >= s.T-3:
			bt.IDs[i], bt.Pad[i] = data.PadID, true
		case i%s.T == 0 || rng.Float64() < 0.15:
			bt.Labels[i] = bt.IDs[i]
		}
	}
	step := func() {
		if _, err := m.Run(bt, true, rng); err != nil {
			b.Fatal(err)
		}
		for j, p := range m.G.Params() {
			g, err := p.GradData()
			if err != nil {
				b.Fatal(err)
			}
			params[j].Grad = g.([]float32)
		}
		if err := opt.Step(params, 1e-3); err != nil {
			b.Fatal(err)
		}
	}
	// The first step allocates every buffer the graph keeps; B/op and
	// allocs/op report the steady state after it.
	step()
	b.ReportAllocs()
	for b.Loop() {
		step()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkDefaultRunStep times one step of the default run as train runs
// it (configs/bank.yaml: the 19,438-row embedding, the sense and contrastive
// losses, the gradient clip and AdamW), without its checkpoints and
// validations. It has no PyTorch twin; it is the figure to compare before
// and after a change to the step (docs/performance.md).
func BenchmarkDefaultRunStep(b *testing.B) {
	tr := steppedDefault(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tr.step(); err != nil {
			b.Fatal(err)
		}
	}
}

// steppedDefault is the default run's trainer, in a temporary folder, after
// one step: every buffer sized and the optimizer's moments made.
func steppedDefault(tb testing.TB) *Trainer {
	tb.Helper()
	c, err := configs.Default()
	if err != nil {
		tb.Fatal(err)
	}
	tr, err := New(c, Options{Out: tb.TempDir()})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := tr.step(); err != nil {
		tb.Fatal(err)
	}
	return tr
}
