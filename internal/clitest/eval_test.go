package clitest

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOwnTextExample runs README's "Your own text" example as written: the
// config trains on a .tsv mixing labelled and unlabelled lines, and eval
// scores the held-out file and draws pictures named by word and sentence.
func TestOwnTextExample(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the example's 120 steps")
	}
	out := filepath.Join(t.TempDir(), "run")
	ok(t, t.TempDir(), "train", "--config", ownText(t), "--out", out)
	plots := filepath.Join(t.TempDir(), "plots")
	r := ok(t, t.TempDir(), "eval", "--checkpoint", out, "--word", "pitch", "--plots", plots)
	has(t, "eval of the example", r.stdout, "pitch: n = 20 sentences (field 10, sound 10)", "layer2")
	for _, f := range []string{"pca_pitch.png", "layers_pitch.png", "attention_pitch_1.png"} {
		if _, err := os.Stat(filepath.Join(plots, f)); err != nil {
			t.Errorf("--plots: %v (wrote: %s)", err, r.stderr)
		}
	}
}

// TestNothingLabelledToScore: eval of a run whose held-out data has no
// labels, or too few, says what to do next.
func TestNothingLabelledToScore(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "heldout.txt")
	if err := os.WriteFile(text, []byte("the coach walked onto the grass\nthe singer sang a clear note\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	few := filepath.Join(dir, "few.tsv")
	if err := os.WriteFile(few, []byte("pitch\tfield\tthe coach walked onto the pitch\npitch\tsound\tthe singer raised the pitch\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run1 := trainQuick(t, 2, "--set", "objective=mlm", "--set", "data.heldout_file="+text)
	r := run(t, dir, "eval", "--checkpoint", run1)
	if r.code == 0 {
		t.Fatalf("eval of unlabelled held-out data: %s", r)
	}
	has(t, "nothing labelled", r.stderr, "no labelled sentences", "--data FILE.tsv", "--word WORD")
	run2 := trainQuick(t, 2)
	r = run(t, dir, "eval", "--checkpoint", run2, "--data", few)
	if r.code == 0 {
		t.Fatalf("eval of two labelled sentences: %s", r)
	}
	has(t, "too few", r.stderr, "too few labelled sentences", "at least 5", "field 1 sound 1", "add labelled lines to "+few)
}

// TestSentencesOnTheCommandLine: the quick look and --dump-embeddings take
// sentences from the command line, with or without --word.
func TestSentencesOnTheCommandLine(t *testing.T) {
	folder := trainQuick(t, 2)
	work := t.TempDir()
	s1, s2 := "the coach walked onto the pitch", "the singer raised the pitch"
	r := ok(t, work, "eval", "--checkpoint", folder, s1, s2, "--plots", "p")
	has(t, "quick look without --word", r.stderr, `following "pitch"`, "attention_pitch_1.png")
	has(t, "quick look without --word", r.stdout, "pair", "1-2")
	ok(t, work, "eval", "--checkpoint", folder, "--word", "pitch", s1, s2)

	for _, tt := range []struct {
		name   string
		args   []string
		tokens []int // tokens dumped per sentence
	}{
		{"every token", nil, []int{6, 5}},
		{"the word only", []string{"--word", "pitch"}, []int{1, 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(work, strings.ReplaceAll(tt.name, " ", "_")+".jsonl")
			args := append([]string{"--checkpoint", folder, "--dump-embeddings", path, s1, s2}, tt.args...)
			ok(t, work, "eval", args...)
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			sc.Buffer(nil, 1<<24)
			for i := 0; sc.Scan(); i++ {
				var line struct {
					Sentence string        `json:"sentence"`
					Tokens   []string      `json:"tokens"`
					Layers   [][][]float32 `json:"layers"`
					Position *int          `json:"position"`
				}
				if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
					t.Fatal(err)
				}
				if i >= len(tt.tokens) || len(line.Tokens) != tt.tokens[i] || len(line.Layers[0]) != tt.tokens[i] {
					t.Errorf("line %d: %d tokens %q, want %v", i+1, len(line.Tokens), line.Tokens, tt.tokens)
				}
				if tt.args != nil && (line.Position == nil || line.Tokens[0] != "pitch") {
					t.Errorf("line %d: with --word, want the word and its position, got %q %v", i+1, line.Tokens, line.Position)
				}
			}
		})
	}
	// From a file, --word keeps the sentences with the word and says which it left out.
	file := filepath.Join(work, "s.txt")
	if err := os.WriteFile(file, []byte(s1+"\nthe sky is blue\n"+s2+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = ok(t, work, "eval", "--checkpoint", folder, "--dump-embeddings", "f.jsonl", "--word", "pitch", "--sentences", file)
	has(t, "--word over a file", r.stderr, `--word "pitch": 2 of the 3 sentences contain it; left out: sentence 2`, "wrote 2 sentences")
}

// TestMissingCheckpoint: a checkpoint path that does not exist names a
// pruned step or a near sibling instead of suggesting a new run.
func TestMissingCheckpoint(t *testing.T) {
	folder := trainQuick(t, 4, "--set", "checkpoint.every=1", "--set", "checkpoint.keep=1")
	r := run(t, t.TempDir(), "eval", "--checkpoint", filepath.Join(folder, "step-000001"))
	has(t, "pruned step", r.stderr, "has no step 1", "pruned", "step-000004")
	r = run(t, t.TempDir(), "eval", "--checkpoint", folder+"x")
	has(t, "typo", r.stderr, "did you mean "+folder)
	for _, r := range []result{r} {
		if strings.Contains(r.stderr, "go run ./cmd/train") {
			t.Errorf("a near miss suggests a new run:\n%s", r.stderr)
		}
	}
}

// TestTorchRoundtrip runs scripts/torch_roundtrip.py from outside the
// repository, as a fresh clone would, when PyTorch is installed.
func TestTorchRoundtrip(t *testing.T) {
	if testing.Short() {
		t.Skip("runs PyTorch")
	}
	python := ""
	for _, p := range []string{"python3", "/usr/bin/python3"} { // Debian's python3-torch is in the system python
		if exec.Command(p, "-c", "import torch, numpy").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		t.Skip("no python3 with torch and numpy")
	}
	for _, tokenizer := range [][]string{nil, {"--set", "data.tokenizer=wordpiece", "--set", "data.vocab_size=250", "--set", "model.max_len=64"}} {
		folder := trainQuick(t, 2, tokenizer...)
		cmd := exec.Command(python, filepath.Join(root, "scripts", "torch_roundtrip.py"), filepath.Join(folder, "step-000002", "model.safetensors"))
		cmd.Dir = t.TempDir()
		cmd.Env = append(os.Environ(), "ATTEND_EVAL="+filepath.Join(bin, "eval"))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("torch_roundtrip.py %v: %v\n%s", tokenizer, err, out)
		}
		has(t, "torch_roundtrip.py", string(out), "attend -> PyTorch", "PyTorch -> attend")
	}
}
