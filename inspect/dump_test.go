package inspect

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/data"
)

func TestDump(t *testing.T) {
	tn := newTiny(t, true)
	file := filepath.Join(t.TempDir(), "s.txt")
	text := tn.held[0].Text + "\n\n" + tn.held[9].Text + "\nthe bank\n"
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	sents, err := tn.c.ReadSentences(file)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tn.c.Dump(&buf, sents, false); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<24)
	n := 0
	for ; sc.Scan(); n++ {
		var line struct {
			Sentence string        `json:"sentence"`
			Tokens   []string      `json:"tokens"`
			IDs      []int         `json:"ids"`
			Static   [][]float32   `json:"static"`
			Layers   [][][]float32 `json:"layers"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		s := sents[n]
		if line.Sentence != s.Text || !slices.Equal(line.Tokens, s.Tokens) || !slices.Equal(line.IDs, tn.c.Vocab.Encode(s.Tokens)) {
			t.Errorf("line %d: %q %v %v, want %q %v", n+1, line.Sentence, line.Tokens, line.IDs, s.Text, s.Tokens)
		}
		if len(line.Static) != len(s.Tokens) || len(line.Static[0]) != tn.dims {
			t.Errorf("line %d: static is %d×%d, want %d×%d", n+1, len(line.Static), len(line.Static[0]), len(s.Tokens), tn.dims)
		}
		if len(line.Layers) != tn.layers+1 {
			t.Fatalf("line %d: %d layers, want Layers+1 = %d", n+1, len(line.Layers), tn.layers+1)
		}
		for l, layer := range line.Layers {
			if len(layer) != len(s.Tokens) { // real tokens only, no padding
				t.Errorf("line %d layer %d: %d tokens, want %d", n+1, l, len(layer), len(s.Tokens))
			}
			for _, v := range layer {
				if len(v) != tn.dims {
					t.Errorf("line %d layer %d: dimension %d, want %d", n+1, l, len(v), tn.dims)
				}
			}
		}
	}
	if n != 3 {
		t.Errorf("%d lines, want one per sentence (3)", n)
	}
}

func TestReadSentencesErrors(t *testing.T) {
	tn := newTiny(t, true)
	dir := t.TempDir()
	long := strings.Repeat("bank ", 21)
	tests := []struct {
		name, text, want string
	}{
		{"too long", "the bank\n\n" + long + "\n", `line 3: sentence "bank bank`},
		{"too long, count", "the bank\n" + long + "\n", "has 21 tokens, more than the model's max_len 20"},
		{"no words", "the bank\n\n!!!\n", "line 3: sentence has no words"},
		{"empty", "\n\n", "no sentences"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".txt")
			if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := tn.c.ReadSentences(path)
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to name %s and say %q", err, path, tt.want)
			}
		})
	}
}

func TestWriteDump(t *testing.T) {
	tn := newTiny(t, true)
	dir := t.TempDir()
	tests := []struct {
		name, path, want string // want: "" = success
	}{
		{"file", filepath.Join(dir, "out.jsonl"), ""},
		{"no such folder", filepath.Join(dir, "none", "out.jsonl"), "--dump-embeddings: open " + filepath.Join(dir, "none", "out.jsonl")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tn.c.WriteDump(tt.path, tn.held[:3], false)
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("err = %v, want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if n := bytes.Count(b, []byte("\n")); n != 3 {
				t.Errorf("%d lines, want 3", n)
			}
		})
	}
}

// TestDumpLabelled: a labelled sentence's line names its target and sense;
// with --word the token dumped is the form the sentence has.
func TestDumpLabelled(t *testing.T) {
	tn := newTiny(t, true)
	plural, err := tn.c.Sentences([]string{"we walked along the banks"}, "bank")
	if err != nil {
		t.Fatal(err)
	}
	unlabelled, err := tn.c.Sentences([]string{"the bank"}, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		s        data.Sentence
		onlyWord bool
		word     string
		pos      int // -1: no position
		sense    string
		tokens   []string
	}{
		{"labelled", tn.held[0], false, "bank", tn.held[0].Pos, tn.held[0].Sense, tn.held[0].Tokens},
		{"labelled, --word", tn.held[0], true, "bank", tn.held[0].Pos, tn.held[0].Sense, []string{"bank"}},
		{"plural, --word", plural[0], true, "bank", 4, "", []string{"banks"}},
		{"unlabelled", unlabelled[0], false, "", -1, "", []string{"the", "bank"}},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := tn.c.Dump(&buf, []data.Sentence{tt.s}, tt.onlyWord); err != nil {
			t.Fatal(err)
		}
		var line struct {
			Tokens   []string `json:"tokens"`
			IDs      []int    `json:"ids"`
			Word     string   `json:"word"`
			Position *int     `json:"position"`
			Sense    string   `json:"sense"`
		}
		if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		pos := -1
		if line.Position != nil {
			pos = *line.Position
		}
		if line.Word != tt.word || pos != tt.pos || line.Sense != tt.sense || !slices.Equal(line.Tokens, tt.tokens) || !slices.Equal(line.IDs, tn.c.Vocab.Encode(tt.tokens)) {
			t.Errorf("%s: word %q position %d sense %q tokens %v ids %v; want %q %d %q %v", tt.name, line.Word, pos, line.Sense, line.Tokens, line.IDs, tt.word, tt.pos, tt.sense, tt.tokens)
		}
	}
}
