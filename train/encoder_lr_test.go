package train

import (
	"bytes"
	"context"
	"github.com/attendlab/attend/modelfile"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attendlab/attend/runfolder"
)

// TestEncoderLR: one SGD step (no momentum, no decay) moves the encoder
// layers by encoder_lr/lr of the plain step, and not at all while frozen;
// the embedding moves as in the plain step either way.
func TestEncoderLR(t *testing.T) {
	base := []string{"train.steps=1", "train.warmup=0", "train.schedule=constant", "train.optimizer=sgd",
		"train.momentum=0", "train.weight_decay=0", "train.clip=0", "model.dropout=0", "train.lr=0.01"}
	moved := func(sets ...string) (encoder, embed float64) {
		tr := newTrainer(t, tiny(t, append(base, sets...)...), Options{Out: t.TempDir()})
		before := modelfile.Tensors(tr.Model)
		if err := tr.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		for name, after := range modelfile.Tensors(tr.Model) {
			for i, x := range after.Data {
				d := math.Abs(float64(x - before[name].Data[i]))
				switch {
				case strings.HasPrefix(name, "encoder."):
					encoder += d
				case name == "embed.weight":
					embed += d
				}
			}
		}
		return encoder, embed
	}
	plainEnc, plainEmb := moved()
	if plainEnc == 0 || plainEmb == 0 {
		t.Fatalf("the plain step moved the encoder by %v and the embedding by %v", plainEnc, plainEmb)
	}
	tests := []struct {
		name  string
		sets  []string
		ratio float64 // of the encoder's move to the plain one
	}{
		{"same rate", []string{"train.encoder_lr=0.01"}, 1},
		{"a quarter", []string{"train.encoder_lr=0.0025"}, 0.25},
		{"frozen", []string{"train.freeze_steps=1"}, 0},
		{"frozen wins over the rate", []string{"train.freeze_steps=1", "train.encoder_lr=0.0025"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc, emb := moved(tt.sets...)
			if math.Abs(enc/plainEnc-tt.ratio) > 1e-3 {
				t.Errorf("encoder moved %v of the plain step, want %v", enc/plainEnc, tt.ratio)
			}
			if math.Abs(emb/plainEmb-1) > 1e-6 {
				t.Errorf("embedding moved %v of the plain step, want 1", emb/plainEmb)
			}
		})
	}
}

// TestFreezeResume: a run that unfreezes its encoder after an interruption,
// at a lower encoder rate, resumes to the bytes of the straight run.
func TestFreezeResume(t *testing.T) {
	c := tiny(t, "train.freeze_steps=4", "train.encoder_lr=0.0005")
	straight, split, _ := straightAndSplit(t, c)
	if err := newTrainer(t, c, Options{Out: split, Resume: true}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	final := filepath.Join("step-000008", runfolder.ModelFile)
	if !bytes.Equal(readFile(t, filepath.Join(straight, final)), readFile(t, filepath.Join(split, final))) {
		t.Error("after resume the model differs from the straight run")
	}
}
