package data

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

func pieceVocab(t *testing.T, pieces ...string) *Vocab {
	t.Helper()
	v, err := NewVocab(append([]string{PadToken, UnkToken, MaskToken}, pieces...))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestPieces(t *testing.T) {
	v := pieceVocab(t, "bank", "ban", "b", "##a", "##n", "##k", "##s", "##ks", "un", "##bank", "é", "##é")
	wp := NewWordPiece(v)
	tests := []struct {
		word string
		want []string
	}{
		{"bank", []string{"bank"}},
		{"banks", []string{"bank", "##s"}},         // longest first piece, then the rest
		{"bans", []string{"ban", "##s"}},           // "bank" does not fit, "ban" does
		{"unbank", []string{"un", "##bank"}},       // a continuation uses ## pieces only
		{"bankbank", []string{"bank", "##bank"}},   // never the word-initial "bank" again
		{"banksk", []string{"bank", "##s", "##k"}}, // greedy: ##s before ##k, although ##ks exists
		{"bé", []string{"b", "##é"}},               // runes, not bytes
		{"bankx", []string{"bankx"}},               // x has no piece: the whole word stays, read as [UNK]
		{"nab", []string{"nab"}},                   // "n" only as a continuation
		{strings.Repeat("b", MaxWordRunes+1), []string{strings.Repeat("b", MaxWordRunes+1)}},
	}
	for _, tt := range tests {
		if got := wp.Pieces(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("Pieces(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	var words *Tokenizer // the word tokenizer keeps every word whole
	if got := words.Pieces("banks"); !slices.Equal(got, []string{"banks"}) {
		t.Errorf("word tokenizer: Pieces(banks) = %q", got)
	}
}

// TestPiecesConcurrent: one tokenizer serves parallel requests (run with -race).
func TestPiecesConcurrent(t *testing.T) {
	wp := NewWordPiece(pieceVocab(t, "bank", "##s", "b", "##a", "##n", "##k"))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				w := []string{"banks", "bank", "bans", "nab"}[(i+j)%4]
				if p := wp.Pieces(w); len(p) == 0 || strings.Join(p, "") == "" {
					t.Errorf("Pieces(%q) = %q", w, p)
				}
			}
		}()
	}
	wg.Wait()
}

func TestTokenizerSentence(t *testing.T) {
	wp := NewWordPiece(pieceVocab(t, "the", "bank", "un", "##bank", "##s", "of", "river"))
	tests := []struct {
		words   []string
		pos     int
		want    []string
		wantPos int
	}{
		{[]string{"the", "banks", "of", "the", "river"}, 1, []string{"the", "bank", "##s", "of", "the", "river"}, 1},
		{[]string{"unbank", "the", "bank"}, 2, []string{"un", "##bank", "the", "bank"}, 3},
		{[]string{"unbank", "banks"}, -1, []string{"un", "##bank", "bank", "##s"}, -1},
	}
	for _, tt := range tests {
		s := wp.Sentence(Sentence{Text: "x", Tokens: tt.words, Pos: tt.pos, Word: "bank"})
		if !slices.Equal(s.Tokens, tt.want) || s.Pos != tt.wantPos || s.Word != "bank" || s.Text != "x" {
			t.Errorf("Sentence(%q, %d) = %q at %d (word %q)", tt.words, tt.pos, s.Tokens, s.Pos, s.Word)
		}
		var words *Tokenizer
		if w := words.Sentence(Sentence{Tokens: tt.words, Pos: tt.pos}); !slices.Equal(w.Tokens, tt.words) || w.Pos != tt.pos {
			t.Errorf("word tokenizer changed %q at %d", tt.words, tt.pos)
		}
	}
	toks := []string{"un", "##bank", "##s", "the", "bank"}
	for pos, want := range map[int]int{0: 3, 1: 2, 3: 1, 4: 1} {
		if got := WordSpan(toks, pos); got != want {
			t.Errorf("WordSpan(%q, %d) = %d, want %d", toks, pos, got, want)
		}
	}
}

// corpus is n sentences drawn from a few words, the first most often.
func corpus(n int) [][]string {
	words := []string{"bank", "banks", "banking", "river", "rivers", "money", "the", "a", "quickly"}
	r := rand.New(rand.NewPCG(1, 2))
	var out [][]string
	for range n {
		var s []string
		for range 6 {
			s = append(s, words[min(r.IntN(len(words)), r.IntN(len(words)))])
		}
		out = append(out, s)
	}
	return out
}

func TestLearnWordPiece(t *testing.T) {
	sents := corpus(300)
	base := numSpecial + 2*len(baseAlphabet())
	small, err := LearnWordPiece(sents, base+5)
	if err != nil {
		t.Fatal(err)
	}
	if small.Len() != base+5 {
		t.Errorf("size %d: learned %d ids", base+5, small.Len())
	}
	rev := slices.Clone(sents)
	slices.Reverse(rev)
	again, err := LearnWordPiece(rev, base+5)
	if err != nil || !slices.Equal(again.Words(), small.Words()) {
		t.Errorf("the same words in another order learn another vocabulary:\n%q\n%q (%v)", again.Words(), small.Words(), err)
	}
	// The most frequent pairs merge first: the bank words are the commonest,
	// then river(s); ties go to the pair whose pieces sort first ("##a" < "b").
	if got, want := small.Words()[base:], []string{"##an", "##ank", "bank", "##er", "##iv"}; !slices.Equal(got, want) {
		t.Errorf("first merges %q, want %q", got, want)
	}
	big, err := LearnWordPiece(sents, 100000)
	if err != nil {
		t.Fatal(err)
	}
	wp := NewWordPiece(big)
	for _, s := range sents {
		for _, w := range s {
			if p := wp.Pieces(w); len(p) != 1 || p[0] != w {
				t.Errorf("with room for every word, %q is %q", w, p)
			}
		}
	}
	if big.Len() >= 100000 {
		t.Errorf("learning went on after every word was one piece: %d ids", big.Len())
	}
	// No English word of letters is [UNK], seen in training or not.
	wp = NewWordPiece(small)
	for _, w := range []string{"zyxwvut", "quixotic", "jazz", "café", "naïve", "x86", "grabbed", "wider", "strollers"} {
		for _, p := range wp.Pieces(w) {
			if !small.Has(p) {
				t.Errorf("%q: piece %q is not in the vocabulary", w, p)
			}
		}
	}
	if _, err := LearnWordPiece(sents, base-1); err == nil || !strings.Contains(err.Error(), "single letters") {
		t.Errorf("a size below the alphabet: %v", err)
	}
}

func TestTokenizerJSON(t *testing.T) {
	v := pieceVocab(t, "bank", "##s")
	b, err := v.TokenizerJSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		AddedTokens []struct {
			ID      int    `json:"id"`
			Content string `json:"content"`
			Special bool   `json:"special"`
		} `json:"added_tokens"`
		Normalizer   map[string]any `json:"normalizer"`
		PreTokenizer map[string]any `json:"pre_tokenizer"`
		Model        struct {
			Type   string         `json:"type"`
			Unk    string         `json:"unk_token"`
			Prefix string         `json:"continuing_subword_prefix"`
			Max    int            `json:"max_input_chars_per_word"`
			Vocab  map[string]int `json:"vocab"`
		} `json:"model"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for id, w := range v.Words() {
		if got, ok := doc.Model.Vocab[w]; !ok || got != id {
			t.Errorf("vocab[%q] = %d, %v; want %d", w, got, ok, id)
		}
	}
	m := doc.Model
	if m.Type != "WordPiece" || m.Unk != UnkToken || m.Prefix != ContinuationPrefix || m.Max != MaxWordRunes || len(m.Vocab) != v.Len() {
		t.Errorf("model = %+v", m)
	}
	if len(doc.AddedTokens) != numSpecial || doc.AddedTokens[UnkID].Content != UnkToken || !doc.AddedTokens[MaskID].Special {
		t.Errorf("added tokens = %+v", doc.AddedTokens)
	}
	if doc.Normalizer["type"] != "Lowercase" || doc.PreTokenizer["type"] != "Split" || doc.PreTokenizer["invert"] != true {
		t.Errorf("normalizer %v, pre-tokenizer %v", doc.Normalizer, doc.PreTokenizer)
	}
}
