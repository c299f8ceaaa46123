package corpus

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

func TestBuiltinWords(t *testing.T) {
	words, err := BuiltinWords()
	if err != nil {
		t.Fatal(err)
	}
	if len(words) < 6 || !slices.Contains(words, "bank") {
		t.Fatalf("BuiltinWords() = %q, want at least 6 including bank", words)
	}
	if !sort.StringsAreSorted(words) {
		t.Errorf("BuiltinWords() = %q, not sorted", words)
	}
	tests := []struct {
		word string
		want []string
	}{
		{"bank", []string{"river", "finance"}},
		{"bass", []string{"fish", "music"}},
		{"bat", []string{"animal", "sport"}},
		{"crane", []string{"bird", "machine"}},
		{"mouse", []string{"animal", "computer"}},
		{"spring", []string{"season", "coil"}},
		{"nope", nil},
	}
	for _, tt := range tests {
		got, err := SensesOf(tt.word)
		if !slices.Equal(got, tt.want) || (err != nil) != (tt.want == nil) {
			t.Errorf("SensesOf(%q) = %q, %v; want %q", tt.word, got, err, tt.want)
		}
	}
}

// senseGrammars compiles every sense of every built-in word.
func senseGrammars(t *testing.T) map[string]grammar {
	t.Helper()
	out := make(map[string]grammar)
	tx := parsedText(t)
	for _, w := range tx.lexicon {
		for i, s := range w.senses {
			g, err := senseGrammar(tx, w, i)
			if err != nil {
				t.Fatalf("senseGrammar(%s:%s): %v", w.word, s.name, err)
			}
			out[w.word+":"+s.name] = g
		}
	}
	return out
}

// TestSenseGrammars checks what every sense's grammar must give: enough
// patterns, each able to render within the length bounds, and no
// ambiguous word other than the target anywhere.
func TestSenseGrammars(t *testing.T) {
	targets := builtinWords(t)
	for label, g := range senseGrammars(t) {
		if n := len(g[coreRule]); n < 30 {
			t.Errorf("%s: %d patterns, want >= 30", label, n)
		}
		lens := make(map[string][2]int)
		for i, alt := range g[coreRule] {
			lo, hi := g.altLen(alt, lens)
			if lo > maxSentenceLen || hi < minSentenceLen {
				t.Errorf("%s: pattern %d renders to %d..%d tokens, never within %d..%d",
					label, i, lo, hi, minSentenceLen, maxSentenceLen)
			}
		}
		for name, alts := range g {
			for _, alt := range alts {
				for _, p := range alt {
					for _, tok := range p.toks {
						if slices.Contains(targets, tok) {
							t.Errorf("%s: rule %s writes the ambiguous word %q; use {W}", label, name, tok)
						}
					}
				}
			}
		}
	}
}

// altLen is the shortest and longest rendering of alt, in tokens.
func (g grammar) altLen(alt []part, memo map[string][2]int) (lo, hi int) {
	for _, p := range alt {
		switch p.slot {
		case "":
			lo, hi = lo+len(p.toks), hi+len(p.toks)
		case slotTarget, slotPlural:
			lo, hi = lo+1, hi+1
		default:
			r, ok := memo[p.slot]
			if !ok {
				r = [2]int{1 << 30, 0}
				for _, a := range g[p.slot] {
					l, h := g.altLen(a, memo)
					r = [2]int{min(r[0], l), max(r[1], h)}
				}
				memo[p.slot] = r
			}
			lo, hi = lo+r[0], hi+r[1]
		}
	}
	return lo, hi
}

func TestGrammarErrors(t *testing.T) {
	tests := []struct {
		name string
		rs   rules
		want string
	}{
		{"missing rule", rules{"a": "x {b}"}, "names no rule"},
		{"cycle", rules{"a": "x {b}", "b": "y {a}"}, "refers to itself"},
		{"braces", rules{"a": "x {b"}, "unbalanced"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := make(grammar)
			err := g.compileRules(tt.rs, "")
			if err == nil {
				err = g.check()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
