package model_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/model"
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

// TestHeadsOnlyWhenUsed: a model has the heads its Config names and no
// others, and leaving the masked-LM head out changes no other parameter's
// initial values (the sense head a sense run starts from is mlm+sense's).
func TestHeadsOnlyWhenUsed(t *testing.T) {
	full := buildHeads(t, 2, true)
	tests := []struct {
		name     string
		senses   int
		mlm      bool
		wantMLM  bool
		wantSens bool
	}{
		{"sense only", 2, false, false, true},
		{"mlm only", 0, true, true, false},
		{"encoder only", 0, false, false, false},
		{"both", 2, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := buildHeads(t, tt.senses, tt.mlm)
			names := strings.Join(m.G.Names(), " ")
			if got := strings.Contains(names, "mlm_head."); got != tt.wantMLM {
				t.Errorf("mlm_head declared %v, want %v: %s", got, tt.wantMLM, names)
			}
			if got := strings.Contains(names, "sense_head."); got != tt.wantSens {
				t.Errorf("sense_head declared %v, want %v: %s", got, tt.wantSens, names)
			}
			if (m.MLMHead != nil) != tt.wantMLM || (m.SenseHead != nil) != tt.wantSens {
				t.Errorf("heads %v %v, want %v %v", m.MLMHead != nil, m.SenseHead != nil, tt.wantMLM, tt.wantSens)
			}
			for _, p := range m.G.Params() {
				q, _ := full.G.Param(p.Name)
				if !slices.Equal(p.Torch(), q.Torch()) {
					t.Errorf("%s starts from other values than in the model with every head", p.Name)
				}
			}
		})
	}
	if _, err := model.New(model.Config{Shape: headShape, Vocab: 7, Senses: 2}, 1, 5, model.Options{MLM: true}); err == nil || !strings.Contains(err.Error(), "masked-LM head") {
		t.Errorf("MLM loss without the head: got %v, want an error naming the masked-LM head", err)
	}
}

// TestOlderFileWithUnusedHead: a sense run's file written before heads were
// built only when used carries an untrained masked-LM head. It still reads
// (its config then has the head), and a sense-only model loads it through
// Known, which drops the head, or LoadInit.
func TestOlderFileWithUnusedHead(t *testing.T) {
	old := buildHeads(t, 2, true) // what a sense run saved before
	b, err := old.Encode([]string{"[PAD]", "[UNK]", "[MASK]", "bank", "river", "loan", "the"}, []string{"bank:finance", "bank:river"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := model.DecodeFile(b, "old")
	if err != nil {
		t.Fatal(err)
	}
	if c := f.Config(); !c.MLMHead || c.Senses != 2 {
		t.Fatalf("config %+v: want the masked-LM head and 2 senses", c)
	}
	sense := buildHeads(t, 2, false)
	if err := sense.Load(f.Tensors); err == nil || !strings.Contains(err.Error(), "mlm_head") {
		t.Errorf("strict Load: got %v, want an error naming mlm_head", err)
	}
	if err := sense.Load(sense.Known(f.Tensors)); err != nil {
		t.Fatalf("Load(Known): %v", err)
	}
	if _, ok := f.Tensors["mlm_head.weight"]; !ok {
		t.Error("Known changed its argument")
	}
	if !slices.Equal(sense.SenseHead.Weight.Torch(), old.SenseHead.Weight.Torch()) {
		t.Error("sense head not loaded")
	}
	again := buildHeads(t, 2, false)
	if kept, err := again.LoadInit(f.Tensors); err != nil || len(kept) != 0 {
		t.Errorf("LoadInit: kept %v, err %v; want nothing kept", kept, err)
	}
	mlm := buildHeads(t, 0, true) // an mlm run seeded from a new sense file
	if kept, err := mlm.LoadInit(sense.Tensors()); err != nil || strings.Join(kept, " ") != "mlm_head.weight mlm_head.bias" {
		t.Errorf("LoadInit from a file without the masked-LM head: kept %v, err %v; want its two parameters kept", kept, err)
	}
	if n := len(sense.Tensors()); n != len(f.Tensors)-2 {
		t.Errorf("the sense model saves %d tensors, want %d (the file's less the masked-LM head)", n, len(f.Tensors)-2)
	}
}
