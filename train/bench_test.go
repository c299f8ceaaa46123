package train

import (
	"math/rand/v2"
	"testing"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/optim"
)

// BenchmarkTrainStep times one full training step — forward, backward and an
// AdamW update — at the shape of the PyTorch reference benchmark
// (../shared/bench/bench_torch.py: B32 T16 D64 H4 F256 L2 V300, pre-norm GELU,
// 3 padded positions, about 15% of tokens labelled). Run it beside that script
// on the same machine and compare the two.
func BenchmarkTrainStep(b *testing.B) {
	const batch, seq, vocab = 32, 16, 300
	cfg := model.Config{Vocab: vocab, Dim: 64, Heads: 4, FF: 256, Layers: 2, MaxLen: 32, NormFirst: true, Activation: "gelu", Positions: "sinusoidal"}
	m, err := model.New(cfg, batch, seq, model.Options{MLM: true, Grad: true})
	if err != nil {
		b.Fatal(err)
	}
	var params []optim.Param[float32]
	for _, p := range m.G.Params() {
		params = append(params, optim.Param[float32]{Name: p.Name, Shape: p.Shape, Value: p.Data().([]float32)})
	}
	opt := optim.NewAdamW[float32](optim.AdamConfig{WeightDecay: 0.01})
	rng := rand.New(rand.NewPCG(1, 2))
	bt := data.Batch{B: batch, T: seq, IDs: make([]int, batch*seq), Labels: make([]int, batch*seq),
		Pad: make([]bool, batch*seq), Target: make([]int, batch), Sense: make([]int, batch)}
	for i := range bt.IDs {
		bt.IDs[i], bt.Labels[i] = 4+rng.IntN(vocab-4), data.IgnoreLabel
		switch {
		case i%seq >= seq-3:
			bt.IDs[i], bt.Pad[i] = data.PadID, true
		case i%seq == 0 || rng.Float64() < 0.15:
			bt.Labels[i] = bt.IDs[i]
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
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
}
