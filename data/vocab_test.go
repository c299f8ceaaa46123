package data

import (
	"slices"
	"strings"
	"testing"
)

func TestBuildVocabOrder(t *testing.T) {
	sents := [][]string{
		{"b", "a", "c", "b"},
		{"a", "b", "d", "[MASK]", ""},
		{"c", "e"},
	}
	tests := []struct {
		minCount int
		want     []string
	}{
		// b:3, a:2, c:2, d:1, e:1 — ties broken alphabetically.
		{0, []string{PadToken, UnkToken, MaskToken, "b", "a", "c", "d", "e"}},
		{1, []string{PadToken, UnkToken, MaskToken, "b", "a", "c", "d", "e"}},
		{2, []string{PadToken, UnkToken, MaskToken, "b", "a", "c"}},
		{3, []string{PadToken, UnkToken, MaskToken, "b"}},
		{4, []string{PadToken, UnkToken, MaskToken}},
	}
	for _, tt := range tests {
		v := BuildVocab(sents, tt.minCount)
		if got := v.Words(); !slices.Equal(got, tt.want) {
			t.Errorf("minCount %d: words %q, want %q", tt.minCount, got, tt.want)
		}
		if v.Len() != len(tt.want) {
			t.Errorf("minCount %d: Len %d, want %d", tt.minCount, v.Len(), len(tt.want))
		}
	}
}

func TestVocabLookups(t *testing.T) {
	v := BuildVocab([][]string{{"river", "bank", "bank"}}, 1)
	tests := []struct {
		word string
		id   int
		has  bool
	}{
		{PadToken, PadID, true},
		{UnkToken, UnkID, true},
		{MaskToken, MaskID, true},
		{"bank", 3, true},
		{"river", 4, true},
		{"money", UnkID, false},
	}
	for _, tt := range tests {
		if got := v.ID(tt.word); got != tt.id {
			t.Errorf("ID(%q) = %d, want %d", tt.word, got, tt.id)
		}
		if got := v.Has(tt.word); got != tt.has {
			t.Errorf("Has(%q) = %v, want %v", tt.word, got, tt.has)
		}
		if tt.has && v.Word(tt.id) != tt.word {
			t.Errorf("Word(%d) = %q, want %q", tt.id, v.Word(tt.id), tt.word)
		}
	}
	for _, id := range []int{-1, v.Len()} {
		if got := v.Word(id); got != UnkToken {
			t.Errorf("Word(%d) = %q, want %q", id, got, UnkToken)
		}
	}
	if got, want := v.Encode([]string{"river", "money", "bank"}), []int{4, UnkID, 3}; !slices.Equal(got, want) {
		t.Errorf("Encode = %v, want %v", got, want)
	}
	w := v.Words()
	w[3] = "changed"
	if v.Word(3) != "bank" {
		t.Error("Words returned the internal slice; mutating it changed the vocabulary")
	}
}

func TestNewVocabRoundTrip(t *testing.T) {
	v := BuildVocab([][]string{Tokenize("the crane lifted the steel beams near the crane")}, 1)
	got, err := NewVocab(v.Words())
	if err != nil {
		t.Fatalf("NewVocab(Words()): %v", err)
	}
	if !slices.Equal(got.Words(), v.Words()) {
		t.Fatalf("round trip words %q, want %q", got.Words(), v.Words())
	}
	for _, w := range v.Words() {
		if got.ID(w) != v.ID(w) {
			t.Errorf("ID(%q) = %d after round trip, want %d", w, got.ID(w), v.ID(w))
		}
	}
}

func TestNewVocabErrors(t *testing.T) {
	sp := []string{PadToken, UnkToken, MaskToken}
	tests := []struct {
		name  string
		words []string
		want  string
	}{
		{"nil", nil, "at least"},
		{"too short", sp[:2], "at least"},
		{"specials swapped", []string{UnkToken, PadToken, MaskToken, "a"}, "want special"},
		{"special missing", []string{"a", "b", "c"}, "want special"},
		{"duplicate", append(slices.Clone(sp), "a", "b", "a"), "duplicate"},
		{"duplicate special", append(slices.Clone(sp), PadToken), "duplicate"},
		{"empty word", append(slices.Clone(sp), "a", ""), "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewVocab(tt.words)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewVocab(%q) error = %v, want one containing %q", tt.words, err, tt.want)
			}
		})
	}
	if _, err := NewVocab(sp); err != nil {
		t.Errorf("specials only: %v", err)
	}
}
