package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/attendlab/attend/internal/fuzzcheck"
)

// FuzzTokenize: any string tokenizes without panic into non-empty tokens
// without spaces, each valid UTF-8 when the input is.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"The bank's river-side, 42 loans!", "", "  \t\n", "naïve café — ÆØÅ", "\xff\xfe", "a\u00a0b\u2028c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var toks []string
		fuzzcheck.Alloc(t, len(s), 64, func() { toks = Tokenize(s) })
		for _, tok := range toks {
			if tok == "" || strings.ContainsAny(tok, " \t\n") {
				t.Fatalf("token %q", tok)
			}
			if utf8.ValidString(s) && !utf8.ValidString(tok) {
				t.Fatalf("token %q of valid input is not UTF-8", tok)
			}
		}
	})
}

// fuzzFile writes b to the file at path (one per fuzz process: a fresh
// temporary folder per input would make the fuzzer crawl).
func fuzzFile(t *testing.T, path string, b []byte) string {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// FuzzLoadText: any file loads or fails with an error naming it.
func FuzzLoadText(f *testing.F) {
	for _, s := range []string{"the bank lends\nwe sat by the bank\n", "", "\n\n", "a\r\nb\r\n", "ok\n\xff\n"} {
		f.Add([]byte(s))
	}
	path := filepath.Join(f.TempDir(), "t.txt")
	f.Fuzz(func(t *testing.T, b []byte) {
		p := fuzzFile(t, path, b)
		var err error
		fuzzcheck.Alloc(t, len(b), 64, func() { _, err = LoadText(p) })
		if err != nil && !strings.Contains(err.Error(), p) {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}

// FuzzLoadTSV: any file loads or fails with an error naming it; a labelled
// sentence's target is its word, and an unlabelled one (empty sense) has none.
func FuzzLoadTSV(f *testing.F) {
	for _, s := range []string{"bank\tmoney\tthe bank lends\n", "bank\triver\n", "bank\tx\tno target here\n", "\t\t\n", "a b\ts\ta b c\n"} {
		f.Add([]byte(s))
	}
	path := filepath.Join(f.TempDir(), "t.tsv")
	f.Fuzz(func(t *testing.T, b []byte) {
		p := fuzzFile(t, path, b)
		var sents []Sentence
		var err error
		fuzzcheck.Alloc(t, len(b), 64, func() { sents, err = LoadTSV(p) })
		if err != nil && !strings.Contains(err.Error(), p) {
			t.Fatalf("error does not name the file: %v", err)
		}
		for _, s := range sents {
			if s.Sense == "" { // unlabelled: masked-LM text, no target
				if s.Pos != -1 || s.Word != "" {
					t.Fatalf("unlabelled sentence %+v has a target", s)
				}
				continue
			}
			if s.Pos < 0 || s.Pos >= len(s.Tokens) || s.Tokens[s.Pos] != s.Word {
				t.Fatalf("sentence %+v: target %d is not its word", s, s.Pos)
			}
		}
	})
}
