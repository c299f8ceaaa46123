package model_test

import (
	"math/rand/v2"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/model"
)

// syntheticBatch is a batch of random ids whose last 3 positions are padding,
// with the first token and about share of the others labelled for MLM.
func syntheticBatch(vocab, batch, seq int, share float64, rng *rand.Rand) data.Batch {
	bt := data.Batch{B: batch, T: seq, IDs: make([]int, batch*seq), Labels: make([]int, batch*seq),
		Pad: make([]bool, batch*seq), Target: make([]int, batch), Sense: make([]int, batch)}
	for i := range bt.IDs {
		bt.IDs[i], bt.Labels[i] = 4+rng.IntN(vocab-4), data.IgnoreLabel
		switch {
		case i%seq >= seq-3:
			bt.IDs[i], bt.Pad[i] = data.PadID, true
		case i%seq == 0 || rng.Float64() < share:
			bt.Labels[i] = bt.IDs[i]
		}
	}
	return bt
}

// BenchmarkStep times one forward and backward pass at the speed reference's
// shape (B32 T16 D64 H4 F256 L2 V300), pre-norm GELU, masked-LM loss.
func BenchmarkStep(b *testing.B) {
	cfg := model.Config{Vocab: 300, MLMHead: true, Shape: arch.Shape{DModel: 64, Heads: 4, FF: 256, Layers: 2, MaxLen: 32, NormFirst: true, Activation: arch.GELU, Positions: arch.Sinusoidal}}
	const batch, seq = 32, 16
	m, err := model.New(cfg, batch, seq, model.Options{Loss: []string{"mlm"}, Grad: true})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	bt := syntheticBatch(cfg.Vocab, batch, seq, 0.15, rng)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := m.Run(bt, true, rng); err != nil {
			b.Fatal(err)
		}
	}
}
