package modelfile_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/modelfile"
)

var headShape = arch.Shape{DModel: 4, Heads: 2, FF: 8, Layers: 1, MaxLen: 5, NormFirst: true, Activation: arch.GELU, Positions: arch.Learned}

func buildHeads(t *testing.T, senses int, mlm bool) *model.Model {
	t.Helper()
	m, err := model.New(model.Config{Shape: headShape, Vocab: 7, Senses: senses, MLMHead: mlm}, 1, 5, model.Options{Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestOlderFileWithUnusedHead: a sense run's file written before heads were
// built only when used carries an untrained masked-LM head. It still reads
// (its config then has the head), and a sense-only model loads it through
// Known, which drops the head, or LoadInit.
func TestOlderFileWithUnusedHead(t *testing.T) {
	old := buildHeads(t, 2, true) // what a sense run saved before
	b, err := modelfile.Encode(old, []string{"[PAD]", "[UNK]", "[MASK]", "bank", "river", "loan", "the"}, []string{"bank:finance", "bank:river"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := modelfile.DecodeFile(b, "old")
	if err != nil {
		t.Fatal(err)
	}
	if c := f.Config(); !c.MLMHead || c.Senses != 2 {
		t.Fatalf("config %+v: want the masked-LM head and 2 senses", c)
	}
	sense := buildHeads(t, 2, false)
	if err := modelfile.Load(sense, f.Tensors); err == nil || !strings.Contains(err.Error(), "mlm_head") {
		t.Errorf("strict Load: got %v, want an error naming mlm_head", err)
	}
	if err := modelfile.Load(sense, modelfile.Known(sense, f.Tensors)); err != nil {
		t.Fatalf("Load(Known): %v", err)
	}
	if _, ok := f.Tensors["mlm_head.weight"]; !ok {
		t.Error("Known changed its argument")
	}
	if !slices.Equal(sense.SenseHead.Weight.Torch(), old.SenseHead.Weight.Torch()) {
		t.Error("sense head not loaded")
	}
	again := buildHeads(t, 2, false)
	if fresh, err := modelfile.LoadInit(again, f.Tensors, false); err != nil || len(fresh.Params) != 0 {
		t.Errorf("LoadInit: fresh %v, err %v; want nothing fresh", fresh.Params, err)
	}
	mlm := buildHeads(t, 0, true) // an mlm run seeded from a new sense file
	if fresh, err := modelfile.LoadInit(mlm, modelfile.Tensors(sense), false); err != nil || strings.Join(fresh.Params, " ") != "mlm_head.weight mlm_head.bias" {
		t.Errorf("LoadInit from a file without the masked-LM head: fresh %v, err %v; want its two parameters fresh", fresh.Params, err)
	}
	if n := len(modelfile.Tensors(sense)); n != len(f.Tensors)-2 {
		t.Errorf("the sense model saves %d tensors, want %d (the file's less the masked-LM head)", n, len(f.Tensors)-2)
	}
}
