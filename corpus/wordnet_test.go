package corpus

import (
	"slices"
	"testing"

	"github.com/attendlab/attend/data"
)

// wordnetKinds are WordNet's noun lexicographer files but noun.Tops, which
// the script leaves out: the only labels the file may hold.
var wordnetKinds = []string{"act", "animal", "artifact", "attribute", "body", "cognition", "communication", "event",
	"feeling", "food", "group", "location", "motive", "object", "person", "phenomenon", "plant", "possession",
	"process", "quantity", "relation", "shape", "state", "substance", "time"}

// TestWordNetFile: every line of the embedded file hides one noun, has a
// kind of WordNet's, and never writes a word the measurements need new.
func TestWordNetFile(t *testing.T) {
	lines, err := wordnetLines()
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) < 80000 {
		t.Fatalf("%d sentences, want the script's 80,000 or more", len(lines))
	}
	leftOut := []string{"bank", "banks", "bass", "bat", "bats", "crane", "cranes", "mouse", "mice", "spring", "springs",
		"bark", "barks", "seal", "seals", "pupil", "pupils"}
	kinds := map[string]int{}
	for i, l := range lines {
		kinds[l.kind]++
		if !slices.Contains(wordnetKinds, l.kind) {
			t.Fatalf("line %d: kind %q is not one of WordNet's noun files", i+1, l.kind)
		}
		for j, tok := range l.tokens {
			if (tok == data.MaskToken) != (j == l.pos) || slices.Contains(leftOut, tok) {
				t.Fatalf("line %d %q: want one %s and none of %v", i+1, l.tokens, data.MaskToken, leftOut)
			}
		}
	}
	if len(kinds) != len(wordnetKinds) {
		t.Errorf("%d kinds in the file, want %d: %v", len(kinds), len(wordnetKinds), kinds)
	}
}

// TestGenerateWordNet: data.wordnet adds that many hidden-noun sentences to
// the training split only, drawn by the seed, in the six words' vocabulary.
func TestGenerateWordNet(t *testing.T) {
	cfg := Config{Words: []string{"bank"}, TrainPerSense: 200, HeldoutPerSense: 10}
	drawn := map[uint64]string{} // the hidden sentences of 300, by seed
	for _, tc := range []struct {
		name string
		n    int
		seed uint64
	}{{"some", 300, 1}, {"other seed", 300, 2}, {"more than the words allow", 1 << 20, 1}} {
		t.Run(tc.name, func(t *testing.T) {
			c := cfg
			c.Seed = tc.seed
			base, baseHeld := generate(t, c)
			known := map[string]bool{}
			for _, s := range base {
				for _, tok := range s.Tokens {
					known[tok] = true
				}
			}
			c.WordNet = tc.n
			train, held := generate(t, c)
			if string(joined(train[:len(base)])) != string(joined(base)) || string(joined(held)) != string(joined(baseHeld)) {
				t.Fatal("the six words' sentences changed")
			}
			hidden := train[len(base):]
			if tc.n < 1<<20 && len(hidden) != tc.n || len(hidden) == 0 || len(hidden) >= 80000 {
				t.Fatalf("%d hidden-noun sentences for data.wordnet %d (a 200-per-sense corpus knows few words)", len(hidden), tc.n)
			}
			for _, s := range hidden {
				if !s.Hidden() || s.Tokens[s.Pos] != data.MaskToken || !slices.Contains(wordnetKinds, s.Sense) || len(s.Tokens) < minHiddenLen {
					t.Fatalf("%+v: want a hidden noun with a kind", s)
				}
				for _, tok := range s.Tokens {
					if tok != data.MaskToken && !known[tok] {
						t.Fatalf("%q: %q is not a word of the corpus", s.Text, tok)
					}
				}
			}
			if tc.n == 300 {
				drawn[tc.seed] = string(joined(hidden))
			}
			again, _ := generate(t, c)
			if string(joined(again)) != string(joined(train)) {
				t.Error("not deterministic")
			}
		})
	}
	if drawn[1] == "" || drawn[1] == drawn[2] {
		t.Error("seeds 1 and 2 drew the same WordNet sentences")
	}
}
