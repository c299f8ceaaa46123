package configs

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseStrict(t *testing.T) {
	bank := bankText(t)
	type edited func(t *testing.T) (text string, line int)
	tests := []struct {
		name  string
		edit  edited
		parts []string // besides "x.yaml:<line>: "
	}{
		{"unknown top-level key", func(t *testing.T) (string, int) {
			return replaceLine(t, bank, "objective", "objectiv: mlm")
		}, []string{`unknown key "objectiv"`}},
		{"unknown nested key", func(t *testing.T) (string, int) {
			return replaceLine(t, bank, "train.steps", "  stpes: 600")
		}, []string{`unknown key "train.stpes"`, "steps, batch_size"}},
		{"duplicate key", func(t *testing.T) (string, int) {
			return replaceLine(t, bank, "train.batch_size", "  steps: 601")
		}, []string{fmt.Sprintf(`duplicate key "train.steps" (first at line %d)`, lineOf(t, bank, "train.steps"))}},
		{"int given text", func(t *testing.T) (string, int) { return edit(t, bank, "train.steps", "abc") },
			[]string{`train.steps: want an integer, got "abc"`}},
		{"int given decimal", func(t *testing.T) (string, int) { return edit(t, bank, "train.steps", "1.5") },
			[]string{`train.steps: want an integer, got "1.5"`}},
		{"int given quoted", func(t *testing.T) (string, int) { return edit(t, bank, "model.heads", `"4"`) },
			[]string{`model.heads: want an integer, got "4"`}},
		{"float given text", func(t *testing.T) (string, int) { return edit(t, bank, "model.dropout", "none") },
			[]string{`model.dropout: want a number, got "none"`}},
		{"bool given yes", func(t *testing.T) (string, int) { return edit(t, bank, "model.norm_first", "yes") },
			[]string{`model.norm_first: want true or false, got "yes"`}},
		{"string given int", func(t *testing.T) (string, int) { return edit(t, bank, "model.activation", "5") },
			[]string{`model.activation: want a string, got "5"`}},
		{"string given null", func(t *testing.T) (string, int) { return edit(t, bank, "data.train_file", "") },
			[]string{`data.train_file: want a string, got nothing`}},
		{"string given mapping", func(t *testing.T) (string, int) { return edit(t, bank, "objective", "{a: 1}") },
			[]string{`objective: want a string, got a mapping`}},
		{"list given scalar", func(t *testing.T) (string, int) { return edit(t, bank, "data.words", "bank") },
			[]string{`data.words: want a list, got "bank"`}},
		{"list element type", func(t *testing.T) (string, int) { return edit(t, bank, "data.words", "[bank, 3]") },
			[]string{`data.words[1]: want a string, got "3"`}},
		{"betas too long", func(t *testing.T) (string, int) { return edit(t, bank, "train.betas", "[0.9, 0.99, 0.999]") },
			[]string{`train.betas: want a list of 2 numbers, got 3`}},
		{"section given scalar", func(t *testing.T) (string, int) { return "objective: mlm\ncheckpoint: 5\n", 2 },
			[]string{`checkpoint: want a mapping of keys (dir, every, keep), got "5"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, line := tt.edit(t)
			_, err := Parse([]byte(text), "x.yaml")
			errorContains(t, err, append([]string{fmt.Sprintf("x.yaml:%d: ", line)}, tt.parts...)...)
		})
	}
}

func TestParseDocument(t *testing.T) {
	tests := []struct {
		name, text string
		want       string
	}{
		{"empty", "", "x.yaml: empty config"},
		{"comments only", "# nothing here\n\n", "x.yaml: empty config"},
		{"null", "~\n", "x.yaml: empty config"},
		{"not a mapping", "- a\n- b\n", "x.yaml:1: want a mapping of keys"},
		{"syntax error", "model:\n  heads: [4\n", "x.yaml:"},
		{"two documents", "objective: mlm\n---\nobjective: sense\n", "x.yaml:2: a config holds one YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.text), "x.yaml")
			errorContains(t, err, tt.want)
		})
	}
}

func TestParsePartialKeepsDefaults(t *testing.T) {
	c, err := Parse([]byte("train:\n  steps: 50\n  warmup: 5\n"), "small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Train.Steps != 50 || c.Train.Warmup != 5 || c.Model.DModel != 64 || c.Objective != "sense" {
		t.Errorf("got steps %d warmup %d d_model %d objective %q", c.Train.Steps, c.Train.Warmup, c.Model.DModel, c.Objective)
	}
	if got := c.Where("train.steps"); got != "small.yaml:2" {
		t.Errorf(`Where("train.steps") = %q, want small.yaml:2`, got)
	}
	if got := c.Where("model.heads"); got != "small.yaml" {
		t.Errorf(`Where("model.heads") = %q, want small.yaml (a default)`, got)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	onDisk := filepath.Join(dir, "run.yaml")
	if err := os.WriteFile(onDisk, []byte("objective: sense\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(onDisk)
	if err != nil {
		t.Fatal(err)
	}
	if c.Objective != "sense" || c.Name() != onDisk {
		t.Errorf("Load(%s): objective %q name %q", onDisk, c.Objective, c.Name())
	}

	// The package directory holds configs/*.yaml only as ./*.yaml, so
	// "configs/bank.yaml" does not exist on disk here: the embedded copy
	// must stand in, under the path the user gave.
	if _, err := os.Stat("configs/bank.yaml"); err == nil {
		t.Fatal("test assumes configs/bank.yaml is absent relative to the package dir")
	}
	for _, path := range []string{"configs/bank.yaml", "./configs/bank_mlm.yaml"} {
		c, err := Load(path)
		if err != nil {
			t.Errorf("Load(%s): %v", path, err)
			continue
		}
		if c.Name() != path {
			t.Errorf("Load(%s).Name() = %q", path, c.Name())
		}
	}

	for _, path := range []string{
		filepath.Join(dir, "missing.yaml"),
		"configs/missing.yaml",                     // right folder, not an embedded name
		"other/bank.yaml",                          // embedded name, wrong folder
		filepath.Join(dir, "configs", "bank.yaml"), // absolute: no fallback
	} {
		_, err := Load(path)
		errorContains(t, err, path)
		if err != nil && !strings.Contains(err.Error(), "no such file") {
			t.Errorf("Load(%s): %v, want a not-found error", path, err)
		}
	}
}

// TestConfigFilesOverDefault: a config file holds what it changes; bank_mlm
// differs from bank in the objective alone (and its run folder), and a file
// that does not set checkpoint.dir trains into a folder named after it.
func TestConfigFilesOverDefault(t *testing.T) {
	bank, err := Load("configs/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	mlm, err := Load("configs/bank_mlm.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if mlm.Objective != "mlm" || mlm.Checkpoint.Dir != filepath.Join("checkpoints", "bank_mlm") {
		t.Errorf("bank_mlm: objective %q, checkpoint.dir %q", mlm.Objective, mlm.Checkpoint.Dir)
	}
	want := *bank
	want.Objective, want.Checkpoint.Dir = mlm.Objective, mlm.Checkpoint.Dir
	if want.Hash() != mlm.Hash() {
		t.Errorf("bank_mlm differs from bank in more than objective and checkpoint.dir")
	}
	b, err := files.ReadFile("bank_mlm.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, _, ok := strings.Cut(strings.TrimSpace(line), ":"); ok && !strings.HasPrefix(k, "#") && k != "objective" {
			t.Errorf("bank_mlm.yaml repeats %q; list only what differs from bank.yaml", k)
		}
	}
	mine := filepath.Join(t.TempDir(), "mine.yaml")
	if err := os.WriteFile(mine, []byte("train:\n  steps: 50\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(mine)
	if err != nil {
		t.Fatal(err)
	}
	if c.Checkpoint.Dir != filepath.Join("checkpoints", "mine") {
		t.Errorf("%s without checkpoint.dir: dir %q, want checkpoints/mine", mine, c.Checkpoint.Dir)
	}
}
