package configs

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/optim"
)

// TestEmbeddedConfigsParse: the default lists every key (it is the base of
// every other file); the other shipped files parse over it.
func TestEmbeddedConfigsParse(t *testing.T) {
	b, err := Embedded(DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	c, err := parse(b, "configs/"+DefaultName, nil) // no defaults: every key must be in the file
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range leafKeys(reflect.TypeFor[Config](), "") {
		if _, ok := c.src[key]; !ok {
			t.Errorf("key %s is missing from %s", key, DefaultName)
		}
	}
	for _, name := range EmbeddedNames() {
		if _, err := Load("configs/" + name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if got := EmbeddedNames(); !slices.Equal(got, []string{"bank.yaml", "bank_mlm.yaml", "bank_wordnet.yaml"}) {
		t.Errorf("EmbeddedNames() = %v", got)
	}
	if _, err := Embedded("nope.yaml"); err == nil {
		t.Error("Embedded(nope.yaml): no error")
	}
}

// leafKeys lists every key path of the schema, e.g. "train.steps".
func leafKeys(t reflect.Type, path string) []string {
	var keys []string
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() {
			continue
		}
		key := join(path, tagName(f))
		if f.Type.Kind() == reflect.Struct {
			keys = append(keys, leafKeys(f.Type, key)...)
		} else {
			keys = append(keys, key)
		}
	}
	return keys
}

func TestMLMConfigDiffersOnlyInObjectiveAndDir(t *testing.T) {
	a, err := Load("configs/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load("configs/bank_mlm.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if a.Objective != "sense" || b.Objective != "mlm" {
		t.Errorf("objectives = %q, %q; want sense, mlm", a.Objective, b.Objective)
	}
	if a.Checkpoint.Dir != "checkpoints/bank" || b.Checkpoint.Dir != "checkpoints/bank_mlm" {
		t.Errorf("dirs = %q, %q", a.Checkpoint.Dir, b.Checkpoint.Dir)
	}
	b.Objective, b.Checkpoint.Dir = a.Objective, a.Checkpoint.Dir
	if a.Hash() != b.Hash() {
		t.Errorf("bank.yaml and bank_mlm.yaml differ in more than objective and checkpoint.dir:\n%+v\n%+v", *a, *b)
	}
}

func TestUses(t *testing.T) {
	tests := []struct {
		objective  Objective
		mlm, sense bool
	}{
		{"mlm", true, false},
		{"sense", false, true},
		{"mlm+sense", true, true},
		{"", false, false},
	}
	for _, tt := range tests {
		c := Config{Objective: tt.objective}
		if c.UsesMLM() != tt.mlm || c.UsesSense() != tt.sense {
			t.Errorf("%q: UsesMLM, UsesSense = %v, %v; want %v, %v", tt.objective, c.UsesMLM(), c.UsesSense(), tt.mlm, tt.sense)
		}
	}
}

func TestHash(t *testing.T) {
	a, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Default()
	if a.Hash() != b.Hash() || len(a.Hash()) != 64 {
		t.Fatalf("Hash not stable: %s vs %s", a.Hash(), b.Hash())
	}
	// Where a value came from is not part of the hash.
	if err := b.Set(fmt.Sprintf("train.steps=%d", a.Train.Steps)); err != nil {
		t.Fatal(err)
	}
	if a.Hash() != b.Hash() {
		t.Error("re-setting the same value changed the hash")
	}
	// nil and empty words mean the same.
	a.Data.Words, b.Data.Words = nil, []string{}
	if a.Hash() != b.Hash() {
		t.Error("nil and empty data.words hash differently")
	}
	for _, set := range []string{fmt.Sprintf("train.steps=%d", a.Train.Steps+1), "model.norm_first=false", "data.words=[bank]", "train.betas=[0.9,0.99]", "checkpoint.dir=x"} {
		c, _ := Default()
		if err := c.Set(set); err != nil {
			t.Fatal(err)
		}
		d, _ := Default()
		if c.Hash() == d.Hash() {
			t.Errorf("%s did not change the hash", set)
		}
	}
}

// TestSchedulesAreOptims: every schedule a config accepts is one that
// optim.NewSchedule builds (configs does not import optim, so that the eval
// binary does not link the optimizer).
func TestSchedulesAreOptims(t *testing.T) {
	for _, s := range Schedules {
		if _, err := optim.NewSchedule(string(s), 0.1, 0.01, 1, 10); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
}

// TestRecorded: a model file records data.tokenizer and data.vocab_size only
// for WordPiece, so a word run's file is what it was before the keys.
func TestRecorded(t *testing.T) {
	tests := []struct {
		tokenizer Tokenizer
		size      int
		want      string // JSON fragment, "" = neither key
	}{
		{Word, 8000, ""},
		{"", 0, ""},
		{WordPiece, 4000, `"tokenizer":"wordpiece","vocab_size":4000`},
	}
	for _, tt := range tests {
		d := Data{Tokenizer: tt.tokenizer, VocabSize: tt.size}
		b, err := json.Marshal(d.Recorded())
		if err != nil {
			t.Fatal(err)
		}
		got := string(b)
		if tt.want == "" && (strings.Contains(got, "tokenizer") || strings.Contains(got, "vocab_size")) || !strings.Contains(got, tt.want) {
			t.Errorf("%q/%d: recorded %s, want %q", tt.tokenizer, tt.size, got, tt.want)
		}
	}
}
