package clitest

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// files is a case's own files, relative to its folder ("run/" is a copy of the
// fixture's run when the case names it in prepare).
type errCase struct {
	name    string
	bin     string // "train" or "eval"
	args    []string
	files   map[string]string
	prepare func(t *testing.T, dir string) // after files, e.g. damage the run copy
	code    int                            // 0: any non-zero
	want    []string                       // substrings of the message, naming the culprit
}

func dataArgs(train string, extra ...string) []string {
	a := []string{"--config", "tiny.yaml", "--out", "out", "--set", "data.corpus=files", "--set", "data.train_file=" + train}
	if strings.HasSuffix(train, ".tsv") {
		return append(append(a, "--set", "data.heldout_file=h.tsv"), extra...)
	}
	a = append(a, "--set", "data.heldout_file=h.txt", "--set", "objective=mlm")
	return append(a, extra...)
}

func setArgs(sets ...string) []string {
	a := []string{"--config", "tiny.yaml", "--out", "out"}
	for _, s := range sets {
		a = append(a, "--set", s)
	}
	return a
}

func withRun(t *testing.T, dir string) {
	copyDir(t, filepath.Join(fixture, "run"), filepath.Join(dir, "run"))
}

// damage copies the fixture's run and applies f to one of its files.
func damage(file string, f func(b []byte) []byte) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		withRun(t, dir)
		p := filepath.Join(dir, "run", file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// safetensorsHeader is a file whose 8-byte length (n, or 0 for the header's
// own) and JSON header say what the case needs, followed by data bytes.
func safetensorsHeader(n uint64, header string, data int) string {
	if n == 0 {
		n = uint64(len(header))
	}
	b := binary.LittleEndian.AppendUint64(nil, n)
	return string(b) + header + strings.Repeat("\x00", data)
}

func errorCases() []errCase {
	const step3 = "step-000003/"
	return []errCase{
		// Config files.
		{name: "unknown key", bin: "train", args: []string{"--config", "c.yaml", "--out", "out"},
			files: map[string]string{"c.yaml": "model:\n  d_model: 8\n  dmodel: 8\n"}, code: 2, want: []string{"c.yaml:3", "dmodel"}},
		{name: "wrong type", bin: "train", args: []string{"--config", "c.yaml", "--out", "out"},
			files: map[string]string{"c.yaml": "train:\n  steps: many\n"}, code: 2, want: []string{"c.yaml:2", "steps"}},
		{name: "missing config", bin: "train", args: []string{"--config", "nope.yaml", "--out", "out"}, code: 2, want: []string{"nope.yaml"}},
		{name: "tab-indented YAML", bin: "train", args: []string{"--config", "c.yaml", "--out", "out"},
			files: map[string]string{"c.yaml": "train:\n\tsteps: 3\n"}, code: 2, want: []string{"c.yaml:2", "YAML indents with spaces"}},
		{name: "resume with init-from", bin: "train", args: []string{"--config", "tiny.yaml", "--out", "run", "--resume", "--init-from", "run"}, prepare: withRun,
			code: 2, want: []string{"exclude each other"}},
		{name: "--config without its value", bin: "train", args: []string{"--config", "--out", "out"}, code: 2, want: []string{"--config needs a value before the next flag"}},
		{name: "empty --out", bin: "train", args: []string{"--config", "tiny.yaml", "--out", ""}, code: 2, want: []string{"--out is empty"}},
		{name: "invalid YAML", bin: "train", args: []string{"--config", "c.yaml", "--out", "out"},
			files: map[string]string{"c.yaml": "model: [d_model\n"}, code: 2, want: []string{"c.yaml"}},
		{name: "empty config", bin: "train", args: []string{"--config", "c.yaml", "--out", "out"},
			files: map[string]string{"c.yaml": ""}, code: 2, want: []string{"c.yaml", "empty"}},
		{name: "config is a folder", bin: "train", args: []string{"--config", "sub", "--out", "out"},
			files: map[string]string{"sub/x": ""}, code: 2, want: []string{"sub"}},
		{name: "heads do not divide d_model", bin: "train", args: setArgs("model.heads=3"), code: 2, want: []string{"model.heads"}},
		{name: "negative lr", bin: "train", args: setArgs("train.lr=-1"), code: 2, want: []string{"train.lr"}},
		{name: "max_len 0", bin: "train", args: setArgs("model.max_len=0"), code: 2, want: []string{"model.max_len"}},
		{name: "dropout 1", bin: "train", args: setArgs("model.dropout=1"), code: 2, want: []string{"model.dropout"}},
		{name: "keep 0", bin: "train", args: setArgs("checkpoint.keep=0"), code: 2, want: []string{"checkpoint.keep"}},
		{name: "unknown objective", bin: "train", args: setArgs("objective=magic"), code: 2, want: []string{"objective", "magic"}},
		{name: "unknown optimizer", bin: "train", args: setArgs("train.optimizer=lion"), code: 2, want: []string{"train.optimizer", "lion"}},
		{name: "unknown schedule", bin: "train", args: setArgs("train.schedule=step"), code: 2, want: []string{"train.schedule", "step"}},
		{name: "impossible value in file", bin: "train", args: []string{"--config", "c.yaml", "--out", "out"},
			files: map[string]string{"c.yaml": "train:\n  batch_size: 0\n"}, code: 2, want: []string{"train.batch_size"}},

		// Overrides.
		{name: "set unknown key", bin: "train", args: setArgs("train.stpes=3"), code: 2, want: []string{"train.stpes"}},
		{name: "set bad value", bin: "train", args: setArgs("train.steps=abc"), code: 2, want: []string{"train.steps", "abc"}},
		{name: "set without =", bin: "train", args: setArgs("train.steps"), code: 2, want: []string{"train.steps"}},
		{name: "set unknown section", bin: "train", args: setArgs("nope.x=1"), code: 2, want: []string{"nope"}},

		// Data files.
		{name: "empty corpus", bin: "train", args: dataArgs("t.txt"), files: map[string]string{"t.txt": ""}, want: []string{"t.txt"}},
		{name: "invalid UTF-8", bin: "train", args: dataArgs("t.txt"), files: map[string]string{"t.txt": "the bank\nthe \xff bank\n"}, want: []string{"t.txt", "line 2"}},
		{name: "TSV missing fields", bin: "train", args: dataArgs("t.tsv"),
			files: map[string]string{"t.tsv": "bank\tmoney\tthe bank lends\nbank\triver\n"}, want: []string{"t.tsv", "line 2"}},
		{name: "target word absent", bin: "train", args: dataArgs("t.tsv"),
			files: map[string]string{"t.tsv": "bank\tmoney\tthe bank lends\nbank\triver\twe sat by the river\n"}, want: []string{"t.tsv", "line 2", "bank"}},
		{name: "sentence longer than max_len", bin: "train", args: dataArgs("t.txt"),
			files: map[string]string{"t.txt": "a short one\n" + strings.Repeat("word ", 40) + "\n"}, want: []string{"t.txt", "line 2", "max_len"}},
		{name: "text with no usable line", bin: "train", args: dataArgs("t.txt"),
			files: map[string]string{"t.txt": "\n  \n\t\n"}, want: []string{"t.txt"}},
		{name: "data file is a folder", bin: "train", args: dataArgs("d.txt"), files: map[string]string{"d.txt/x": ""}, want: []string{"d.txt"}},
		{name: "data file missing", bin: "train", args: dataArgs("gone.tsv"), want: []string{"gone.tsv"}},
		{name: "TSV fourth field", bin: "train", args: dataArgs("t.tsv"),
			files: map[string]string{"t.tsv": "bank\triver\tthe bank is here\textra\n"}, want: []string{"t.tsv", "line 1", "4 fields"}},
		{name: "held-out sense never trained", bin: "train", args: dataArgs("t.tsv"),
			files: map[string]string{"t.tsv": "bank\triver\tthe river bank\nbank\tmoney\tthe bank lends\n", "h.tsv": "bank\tsound\tthe bank rang\n"},
			want:  []string{"data.heldout_file", "bank:sound", "t.tsv"}},
		{name: "report of a word the data lacks", bin: "eval", args: []string{"--checkpoint", "run", "--word", "zebra"}, prepare: withRun,
			code: 2, want: []string{`--word "zebra"`}},
		{name: "plots under a file", bin: "eval", args: []string{"--checkpoint", "run", "--plots", "f/x"}, prepare: withRun,
			files: map[string]string{"f": "a file"}, code: 2, want: []string{"--plots f/x"}},
		{name: "eval data TSV bad line", bin: "eval", args: []string{"--checkpoint", "run", "--data", "e.tsv"}, prepare: withRun,
			files: map[string]string{"e.tsv": "bank\tmoney\n"}, want: []string{"e.tsv", "line 1"}},

		// Checkpoints.
		{name: "missing checkpoint folder", bin: "eval", args: []string{"--checkpoint", "nothere"}, want: []string{"nothere"}},
		{name: "latest names a missing folder", bin: "eval", args: []string{"--checkpoint", "run"},
			prepare: damage("latest", func([]byte) []byte { return []byte("step-000099\n") }), want: []string{"latest", "step-000099"}},
		{name: "latest names ../x", bin: "eval", args: []string{"--checkpoint", "run"}, files: map[string]string{"x/state.json": "{}"},
			prepare: damage("latest", func([]byte) []byte { return []byte("../x\n") }), want: []string{"latest", "../x"}},
		{name: "latest names an absolute path", bin: "eval", args: []string{"--checkpoint", "run"},
			prepare: damage("latest", func([]byte) []byte { return []byte(fixture + "/run/step-000003\n") }), want: []string{"latest", "step-000003"}},
		{name: "resume with latest ../x", bin: "train", args: []string{"--config", "tiny.yaml", "--out", "run", "--resume", "--set", "train.steps=5"},
			prepare: damage("latest", func([]byte) []byte { return []byte("../step-000003\n") }), want: []string{"latest", "../step-000003"}},
		{name: "truncated model", bin: "eval", args: []string{"--checkpoint", "run"},
			prepare: damage(step3+"model.safetensors", func(b []byte) []byte { return b[:len(b)/2] }), want: []string{"model.safetensors", "sha256"}},
		{name: "altered model", bin: "train", args: []string{"--config", "tiny.yaml", "--out", "run", "--resume", "--set", "train.steps=5"},
			prepare: damage(step3+"model.safetensors", func(b []byte) []byte { b[len(b)-1] ^= 1; return b }), want: []string{"model.safetensors", "sha256"}},
		{name: "altered optimizer state", bin: "train", args: []string{"--config", "tiny.yaml", "--out", "run", "--resume", "--set", "train.steps=5"},
			prepare: damage(step3+"optimizer.safetensors", func(b []byte) []byte { b[len(b)-1] ^= 1; return b }), want: []string{"optimizer.safetensors", "sha256"}},
		{name: "state.json damaged", bin: "eval", args: []string{"--checkpoint", "run"},
			prepare: damage(step3+"state.json", func(b []byte) []byte { return b[:len(b)/2] }), want: []string{"state.json"}},
		{name: "checkpoint of another shape", bin: "train", args: []string{"--config", "tiny.yaml", "--out", "run", "--resume", "--set", "model.d_model=16", "--set", "train.steps=5"},
			prepare: withRun, code: 2, want: []string{"model.d_model"}},
		{name: "safetensors without attend metadata", bin: "eval", args: []string{"--checkpoint", "m.safetensors"},
			files: map[string]string{"m.safetensors": safetensorsHeader(0, `{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`+strings.Repeat(" ", 10), 4)},
			want:  []string{"m.safetensors", "metadata"}},
		{name: "header longer than the file", bin: "eval", args: []string{"--checkpoint", "m.safetensors"},
			files: map[string]string{"m.safetensors": safetensorsHeader(1000, `{}`, 0)}, want: []string{"m.safetensors", "header length"}},
		{name: "header larger than memory", bin: "eval", args: []string{"--checkpoint", "m.safetensors"},
			files: map[string]string{"m.safetensors": safetensorsHeader(1<<62, `{}`, 0)}, want: []string{"m.safetensors", "header length"}},
		{name: "tensor larger than the file", bin: "eval", args: []string{"--checkpoint", "m.safetensors"},
			files: map[string]string{"m.safetensors": safetensorsHeader(0, `{"w":{"dtype":"F32","shape":[1099511627776],"data_offsets":[0,4398046511104]}}`, 0)},
			want:  []string{"m.safetensors", `"w"`}},
		{name: "init-from without metadata", bin: "train", args: []string{"--config", "tiny.yaml", "--out", "out", "--init-from", "m.safetensors"},
			files: map[string]string{"m.safetensors": safetensorsHeader(2, `{}`, 0)}, want: []string{"--init-from", "m.safetensors"}},
		{name: "checkpoint is a text file", bin: "eval", args: []string{"--checkpoint", "notes.txt"}, files: map[string]string{"notes.txt": "hi"}, want: []string{"notes.txt"}},
		{name: "train into a folder with checkpoints", bin: "train", args: []string{"--config", "tiny.yaml", "--out", "run"}, prepare: withRun,
			code: 2, want: []string{"run", "--resume"}},

		// Command line.
		{name: "train unknown flag", bin: "train", args: []string{"--nope"}, code: 2, want: []string{"-nope"}},
		{name: "train flag without value", bin: "train", args: []string{"--config"}, code: 2, want: []string{"-config"}},
		{name: "train positional argument", bin: "train", args: []string{"--config", "tiny.yaml", "oops"}, code: 2, want: []string{"oops"}},
		{name: "resume without checkpoint", bin: "train", args: []string{"--config", "tiny.yaml", "--out", "empty", "--resume"}, code: 2, want: []string{"--resume", "empty"}},
		{name: "resume and init-from", bin: "train", args: []string{"--config", "tiny.yaml", "--out", "run", "--resume", "--init-from", "m.safetensors"},
			prepare: withRun, code: 2, want: []string{"--resume", "--init-from"}},
		{name: "eval unknown flag", bin: "eval", args: []string{"--nope"}, code: 2, want: []string{"-nope"}},
		{name: "eval flag without value", bin: "eval", args: []string{"--word"}, code: 2, want: []string{"-word"}},
		{name: "explain without word", bin: "eval", args: []string{"--checkpoint", "run", "--explain", "the bank"}, prepare: withRun, code: 2, want: []string{"--word"}},
		{name: "layer out of range", bin: "eval", args: []string{"--checkpoint", "run", "--explain", "the bank", "--word", "bank", "--layer", "7"},
			prepare: withRun, code: 2, want: []string{"layer", "7"}},
		{name: "head out of range", bin: "eval", args: []string{"--checkpoint", "run", "--explain", "the bank", "--word", "bank", "--head", "9"},
			prepare: withRun, code: 2, want: []string{"head", "9"}},
		{name: "layer zero", bin: "eval", args: []string{"--checkpoint", "run", "--explain", "the bank", "--word", "bank", "--layer", "0"},
			prepare: withRun, code: 2, want: []string{"--layer"}},
		{name: "layer not a number", bin: "eval", args: []string{"--layer", "two"}, code: 2, want: []string{"-layer", "two"}},
		{name: "word not in sentence", bin: "eval", args: []string{"--checkpoint", "run", "--explain", "the river", "--word", "bank"},
			prepare: withRun, code: 2, want: []string{"bank"}},
	}
}

// TestBadInput: every case exits non-zero (2 for a usage mistake) with a
// short message naming the culprit, no Go panic, and leaves every file of
// its folder as it was.
func TestBadInput(t *testing.T) {
	cases := errorCases()
	if len(cases) < 40 {
		t.Errorf("%d cases, want at least 40", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			write(t, filepath.Join(dir, "tiny.yaml"), tinyYAML)
			write(t, filepath.Join(dir, "h.txt"), "the bank was closed\nwe sat by the bank\n")
			write(t, filepath.Join(dir, "h.tsv"), "bank\tmoney\tthe bank was closed\nbank\triver\twe sat by the bank\n")
			for name, content := range tc.files {
				write(t, filepath.Join(dir, name), content)
			}
			if tc.prepare != nil {
				tc.prepare(t, dir)
			}
			before := snapshot(t, dir)
			r := runBin(dir, tc.bin, tc.args...)
			switch {
			case r.code == 0 || r.code < 0:
				t.Errorf("exit code %d, want non-zero", r.code)
			case tc.code != 0 && r.code != tc.code:
				t.Errorf("exit code %d, want %d", r.code, tc.code)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.out, w) {
					t.Errorf("message does not name %q", w)
				}
			}
			checkOutput(t, r.out)
			if d := diffSnapshots(before, snapshot(t, dir)); len(d) > 0 {
				t.Errorf("touched files: %v", d)
			}
			if t.Failed() {
				t.Logf("%s %s\n%s", tc.bin, strings.Join(tc.args, " "), r.out)
			}
		})
	}
}
