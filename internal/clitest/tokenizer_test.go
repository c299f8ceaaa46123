package clitest

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attendlab/attend/data"
)

// hfPackage is Hugging Face's own JavaScript tokenizers, pinned.
const hfPackage = "@huggingface/tokenizers@0.2.0"

// hfScript prints, for each JSON string line of argv[3], the ids and tokens
// the tokenizer.json of argv[2] gives it.
const hfScript = `import { Tokenizer } from "@huggingface/tokenizers";
import fs from "node:fs";
const tok = new Tokenizer(JSON.parse(fs.readFileSync(process.argv[2], "utf8")), {});
for (const line of fs.readFileSync(process.argv[3], "utf8").split("\n")) {
  if (line === "") continue;
  const e = tok.encode(JSON.parse(line), { add_special_tokens: false });
  console.log(JSON.stringify({ ids: e.ids, tokens: e.tokens }));
}
`

// TestHuggingFaceTokenizer: a WordPiece run's tokenizer.json, loaded by
// Hugging Face's tokenizers.js (installed with npm into a temporary folder,
// as CI does), reads every written set (testdata/natural/*.tsv) and a few
// sentences with punctuation, digits, accents and other scripts into the
// ids and tokens that eval --dump-embeddings says attend's model reads.
func TestHuggingFaceTokenizer(t *testing.T) {
	if testing.Short() {
		t.Skip("installs an npm package")
	}
	node, nerr := exec.LookPath("node")
	npm, perr := exec.LookPath("npm")
	if nerr != nil || perr != nil {
		t.Skip("needs node and npm")
	}
	js := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	install := exec.CommandContext(ctx, npm, "install", "--no-audit", "--no-fund", "--prefix", js, hfPackage)
	install.Dir = js
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("npm install %s: %v\n%s", hfPackage, err, out)
	}

	// A small vocabulary splits most words, so the longest-match rule is
	// exercised everywhere; max_len holds the longest split sentence.
	run := filepath.Join(t.TempDir(), "run")
	ok(t, t.TempDir(), "train", append([]string{"--out", run, "--set", "train.steps=1",
		"--set", "data.tokenizer=wordpiece", "--set", "data.vocab_size=600",
		"--set", "data.train_per_sense=60", "--set", "data.heldout_per_sense=4", "--set", "model.max_len=120"}, quick...)...)
	tokJSON := filepath.Join(run, "step-000001", "tokenizer.json")

	texts := []string{
		"The muddy banks of the River's edge, 2024!",
		"Café au LAIT: naïve résumé, déjà vu.",
		"x86-64 mp3s; don't well-known snake_case",
		"Банк 銀行 Ωmega and the bank",
		"a,,b  c ... zzzyzx qqq",
	}
	files, err := filepath.Glob(filepath.Join(root, "testdata", "natural", "*.tsv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no written sets: %v", err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_kinds.tsv") { // labels the kind of each line of a set, not sentences
			continue
		}
		sents, err := data.LoadTSV(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sents {
			texts = append(texts, s.Text)
		}
	}
	dir := t.TempDir()
	plain, jsonLines := filepath.Join(dir, "s.txt"), filepath.Join(dir, "s.jsonl")
	var jl []string
	for _, s := range texts {
		b, _ := json.Marshal(s)
		jl = append(jl, string(b))
	}
	write(t, plain, strings.Join(texts, "\n")+"\n")
	write(t, jsonLines, strings.Join(jl, "\n")+"\n")
	dump := filepath.Join(dir, "d.jsonl")
	ok(t, dir, "eval", "--checkpoint", run, "--sentences", plain, "--dump-embeddings", dump)

	write(t, filepath.Join(js, "read.mjs"), hfScript)
	cmd := exec.CommandContext(ctx, node, filepath.Join(js, "read.mjs"), tokJSON, jsonLines)
	hfOut, err := cmd.Output()
	if err != nil {
		t.Fatalf("tokenizers.js: %v", err)
	}
	type encoded struct {
		IDs    []int    `json:"ids"`
		Tokens []string `json:"tokens"`
	}
	ours, theirs := readLines[encoded](t, dump), readLinesFrom[encoded](t, string(hfOut))
	if len(ours) != len(texts) || len(theirs) != len(texts) {
		t.Fatalf("%d sentences, attend dumped %d, tokenizers.js read %d", len(texts), len(ours), len(theirs))
	}
	split := 0
	for i, text := range texts {
		want := ours[i].Tokens
		shown := slices.Clone(want)
		for j, id := range ours[i].IDs {
			if id == data.UnkID {
				shown[j] = data.UnkToken // attend keeps the word it could not read
			}
			if strings.HasPrefix(want[j], data.ContinuationPrefix) {
				split++
			}
		}
		if !slices.Equal(ours[i].IDs, theirs[i].IDs) || !slices.Equal(shown, theirs[i].Tokens) {
			t.Errorf("%q:\nattend          %q %v\ntokenizers.js   %q %v", text, shown, ours[i].IDs, theirs[i].Tokens, theirs[i].IDs)
		}
	}
	if split == 0 {
		t.Errorf("no word was split into pieces: the test does not exercise WordPiece")
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readLines[T any](t *testing.T, path string) []T {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return readLinesFrom[T](t, string(b))
}

func readLinesFrom[T any](t *testing.T, s string) []T {
	t.Helper()
	var out []T
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}
