package data

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

// neutralSet is every word any sense may use: people, times, function words.
func neutralSet() map[string]bool {
	set := make(map[string]bool)
	for _, list := range [][]string{people, times, functionWords} {
		for _, p := range list {
			for _, t := range Tokenize(p) {
				set[t] = true
			}
		}
	}
	return set
}

// senseVocab is the context vocabulary a sense owns: every token its
// fillers and templates can produce, minus neutral words and the target.
func senseVocab(word string, s senseSpec) map[string]bool {
	neutral := neutralSet()
	out := make(map[string]bool)
	add := func(text string) {
		for _, t := range Tokenize(text) {
			if !neutral[t] && t != word {
				out[t] = true
			}
		}
	}
	for _, list := range [][]string{s.nouns, s.verbs, s.adjs} {
		for _, f := range list {
			add(f)
		}
	}
	for _, tmpl := range s.templates {
		for _, f := range strings.Fields(tmpl) {
			if !isSlot(f) {
				add(f)
			}
		}
	}
	return out
}

func TestBuiltinWords(t *testing.T) {
	words := BuiltinWords()
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
		{"bat", []string{"animal", "sport"}},
		{"nope", nil},
	}
	for _, tt := range tests {
		if got := SensesOf(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("SensesOf(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	for _, w := range words {
		s := SensesOf(w)
		if len(s) != 2 || s[0] == s[1] || s[0] == "" || s[1] == "" {
			t.Errorf("SensesOf(%q) = %q, want two distinct names", w, s)
		}
	}
}

func TestSenseTemplates(t *testing.T) {
	neutral := neutralSet()
	allowed := []string{slotWord, slotPerson, slotTime, slotNoun, slotVerb, slotAdj}
	for _, w := range lexicon {
		for _, s := range w.senses {
			name := w.word + ":" + s.name
			if len(s.templates) < 10 {
				t.Errorf("%s: %d templates, want >= 10", name, len(s.templates))
			}
			if dup := firstDuplicate(s.templates); dup != "" {
				t.Errorf("%s: duplicate template %q", name, dup)
			}
			for _, tmpl := range s.templates {
				fields := strings.Fields(tmpl)
				words, context := 0, 0
				for _, f := range fields {
					switch {
					case f == slotWord:
						words++
					case isSlot(f) && !slices.Contains(allowed, f):
						t.Errorf("%s: %q: unknown slot %s", name, tmpl, f)
					case f == slotNoun || f == slotVerb || f == slotAdj:
						context++
					case !isSlot(f) && !neutral[f]:
						context++ // a content word written into the template
					}
				}
				if words != 1 || context == 0 {
					t.Errorf("%s: %q has %d target slots and %d context words or slots, want 1 and >= 1", name, tmpl, words, context)
				}
			}
		}
	}
}

func TestSenseVocabularies(t *testing.T) {
	neutral := neutralSet()
	targets := BuiltinWords()
	for _, w := range lexicon {
		v0, v1 := senseVocab(w.word, w.senses[0]), senseVocab(w.word, w.senses[1])
		for i, v := range []map[string]bool{v0, v1} {
			if len(v) < 15 {
				t.Errorf("%s:%s owns %d context words, want >= 15", w.word, w.senses[i].name, len(v))
			}
		}
		for tok := range v0 {
			if v1[tok] {
				t.Errorf("%s: %q is used by both senses", w.word, tok)
			}
		}
		for _, s := range w.senses {
			for _, list := range [][]string{s.nouns, s.verbs, s.adjs} {
				if len(list) < 5 {
					t.Errorf("%s:%s: slot list %q too short", w.word, s.name, list)
				}
				for _, f := range list {
					for _, tok := range Tokenize(f) {
						if neutral[tok] {
							t.Errorf("%s:%s: filler %q is a neutral word", w.word, s.name, f)
						}
					}
				}
			}
			// No ambiguous word may appear except as the target, so the
			// target occurs exactly once and never leaks another word's sense.
			for tok := range senseVocab("", s) {
				if slices.Contains(targets, tok) {
					t.Errorf("%s:%s uses the ambiguous word %q as context", w.word, s.name, tok)
				}
			}
		}
	}
	for tok := range neutral {
		if slices.Contains(targets, tok) {
			t.Errorf("neutral word %q is an ambiguous word", tok)
		}
	}
}

// TestTemplateLengths checks every template's shortest and longest possible
// rendering, so no seed can produce a sentence outside the bounds.
func TestTemplateLengths(t *testing.T) {
	span := func(list []string) (lo, hi int) {
		lo = 1 << 30
		for _, f := range list {
			n := len(Tokenize(f))
			lo, hi = min(lo, n), max(hi, n)
		}
		return lo, hi
	}
	for _, w := range lexicon {
		for _, s := range w.senses {
			lists := map[string][]string{
				slotWord: {w.word}, slotPerson: people, slotTime: times,
				slotNoun: s.nouns, slotVerb: s.verbs, slotAdj: s.adjs,
			}
			for _, tmpl := range s.templates {
				lo, hi := 0, 0
				for _, f := range strings.Fields(tmpl) {
					if list, ok := lists[f]; ok {
						a, b := span(list)
						lo, hi = lo+a, hi+b
						continue
					}
					n := len(Tokenize(f))
					lo, hi = lo+n, hi+n
				}
				if lo < minSentenceLen || hi > maxSentenceLen {
					t.Errorf("%s:%s: %q renders to %d..%d tokens, want within %d..%d",
						w.word, s.name, tmpl, lo, hi, minSentenceLen, maxSentenceLen)
				}
			}
		}
	}
}

func firstDuplicate(list []string) string {
	seen := make(map[string]bool)
	for _, s := range list {
		if seen[s] {
			return s
		}
		seen[s] = true
	}
	return ""
}
