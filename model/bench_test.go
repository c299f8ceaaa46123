package model_test

import (
	"math/rand/v2"
	"testing"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/model"
)

// BenchmarkStep times one forward and backward pass at the speed reference's
// shape (B32 T16 D64 H4 F256 L2 V300), pre-norm GELU, masked-LM loss.
func BenchmarkStep(b *testing.B) {
	cfg := model.Config{Vocab: 300, Dim: 64, Heads: 4, FF: 256, Layers: 2, MaxLen: 32, NormFirst: true, Activation: "gelu", Positions: "sinusoidal"}
	const batch, seq = 32, 16
	m, err := model.New(cfg, batch, seq, model.Options{MLM: true, Grad: true})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	bt := data.Batch{B: batch, T: seq, IDs: make([]int, batch*seq), Labels: make([]int, batch*seq), Pad: make([]bool, batch*seq), Target: make([]int, batch), Sense: make([]int, batch)}
	for i := range bt.IDs {
		bt.IDs[i] = 4 + rng.IntN(cfg.Vocab-4)
		bt.Labels[i] = -100
		if i%seq >= seq-3 {
			bt.IDs[i], bt.Pad[i] = 0, true
		} else if rng.Float64() < 0.15 || i%seq == 0 {
			bt.Labels[i] = bt.IDs[i]
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := m.Run(bt, true, rng); err != nil {
			b.Fatal(err)
		}
	}
}
