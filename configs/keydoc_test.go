package configs

import (
	"bytes"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestEveryKeyHasAMeaning: meanings describes exactly the keys of Config,
// found by reflection, so a new key cannot go undocumented.
func TestEveryKeyHasAMeaning(t *testing.T) {
	keys := leafKeys(reflect.TypeFor[Config](), "")
	if !slices.Equal(keys, Keys()) {
		t.Errorf("Keys() = %v, reflection finds %v", Keys(), keys)
	}
	for _, key := range keys {
		if strings.TrimSpace(Meaning(key)) == "" {
			t.Errorf("key %s has no meaning in configs/keydoc.go", key)
		}
	}
	for key := range meanings {
		if !slices.Contains(keys, key) {
			t.Errorf("configs/keydoc.go describes %s, which is not a key of Config", key)
		}
	}
	for _, key := range []string{"train.encoder_lr", "train.freeze_steps", "data.tokenizer", "data.vocab_size"} {
		if Meaning(key) == "" {
			t.Errorf("recent key %s has no meaning", key)
		}
	}
	if Meaning("train.stpes") != "" {
		t.Error("Meaning of an unknown key is not empty")
	}
}

// TestReferenceUpToDate: docs/configuration.md is what go generate writes
// now, with every key's default as bank.yaml sets it.
func TestReferenceUpToDate(t *testing.T) {
	want, err := Reference()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("docs/configuration.md is out of date: run go generate ./configs")
	}
	for _, row := range []string{
		"| `train.steps` | 4000 |",
		"| `train.eps` | 1e-08 |",
		"| `data.words` | [bank, bass, bat, crane, mouse, spring] |",
		"| `data.train_file` | \"\" |",
		"| `train.betas` | [0.9, 0.999] |",
		"| `model.norm_first` | true |",
	} {
		if !bytes.Contains(want, []byte(row)) {
			t.Errorf("Reference lacks the row %q", row)
		}
	}
}

// TestShippedConfigsPointToReference: the YAML files carry values only and
// say where the keys are described, so their meanings have one home.
func TestShippedConfigsPointToReference(t *testing.T) {
	for _, name := range EmbeddedNames() {
		b, _ := Embedded(name)
		if !bytes.Contains(b, []byte("docs/configuration.md")) {
			t.Errorf("%s does not point to docs/configuration.md", name)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(line, "#") && strings.Contains(line, " #") {
				t.Errorf("%s:%d: a key's comment (its meaning belongs in configs/keydoc.go): %q", name, i+1, line)
			}
		}
	}
}
