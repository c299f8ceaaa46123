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
	if _, err := model.New(model.Config{Shape: headShape, Vocab: 7, Senses: 2}, 1, 5, model.Options{Loss: []string{"mlm"}}); err == nil || !strings.Contains(err.Error(), "masked-LM head") {
		t.Errorf("MLM loss without the head: got %v, want an error naming the masked-LM head", err)
	}
}
