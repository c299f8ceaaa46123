package inspect

import (
	"bytes"
	"strings"
	"testing"
)

func TestQuick(t *testing.T) {
	tn := newTiny(t, true)
	texts := []string{tn.held[0].Text, tn.held[len(tn.held)-1].Text, tn.train[0].Text}
	q, err := tn.c.Quick("Bank", texts)
	if err != nil {
		t.Fatal(err)
	}
	if want := 3; len(q.Pairs) != want {
		t.Fatalf("%d pairs, want %d", len(q.Pairs), want)
	}
	if want := []string{"static", "input", "layer1", "layer2"}; strings.Join(q.Reps, " ") != strings.Join(want, " ") {
		t.Errorf("reps = %v, want %v", q.Reps, want)
	}
	for _, p := range q.Pairs {
		if p.Cos[0] != 1 {
			t.Errorf("pair %d-%d: static cosine %v, want exactly 1", p.A+1, p.B+1, p.Cos[0])
		}
		for r := 2; r < len(p.Cos); r++ {
			if p.Cos[r] > 1-1e-6 {
				t.Errorf("pair %d-%d: %s cosine %v, want contextual vectors to differ", p.A+1, p.B+1, q.Reps[r], p.Cos[r])
			}
		}
	}
	var buf bytes.Buffer
	if err := q.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "1-2") || !strings.Contains(buf.String(), "1.000") {
		t.Errorf("output lacks the pair 1-2 or a static 1.000:\n%s", buf.String())
	}
}

// TestQuickInflected checks that --word matches the word's plural and that
// the quick look says which form it followed.
func TestQuickInflected(t *testing.T) {
	tn := newTiny(t, true)
	tests := []struct {
		word, text string
		pos        int
		wantLine   string
	}{
		{"bank", "the banks flooded after the storm", 1, `("bank" = token 2, as "banks")`},
		{"banks", "we walked along the banks", 4, `("bank" = token 5, as "banks")`},
		{"bank", "she paid the bank", 3, `("bank" = token 4)`},
		{"bank", "the bankers left", -1, `note: sentence 1 skipped: sentence "the bankers left" does not contain "bank"`},
	}
	for _, tt := range tests {
		q, err := tn.c.Quick(tt.word, []string{tt.text, "the bank was closed"})
		if err != nil {
			t.Errorf("%q in %q: %v", tt.word, tt.text, err)
			continue
		}
		if tt.pos >= 0 && q.Sentences[0].Pos != tt.pos {
			t.Errorf("%q in %q: pos %d, want %d", tt.word, tt.text, q.Sentences[0].Pos, tt.pos)
		}
		var buf bytes.Buffer
		if err := q.Write(&buf); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tt.wantLine) {
			t.Errorf("%q in %q: output lacks %s:\n%s", tt.word, tt.text, tt.wantLine, buf.String())
		}
	}
}

// TestQuickSkips checks that sentences without the word are left out with
// a note, the others keeping their numbers, and that the quick look fails
// only when none is left; a word found twice says which it follows.
func TestQuickSkips(t *testing.T) {
	tn := newTiny(t, true)
	tests := []struct {
		texts   []string
		kept    int
		skipped []string // notes expected in the output
	}{
		{[]string{tn.held[0].Text, "the river is wide", tn.held[1].Text}, 2, []string{`note: sentence 2 skipped: sentence "the river is wide" does not contain "bank"`,
			"  [1] ", "  [3] ", "1-3"}}, // the sentences keep their numbers
		{[]string{"the bank by the bank", tn.held[1].Text}, 2, []string{`"bank" = token 2, the first of 2`}},
		{[]string{"a zorblat dog", tn.held[1].Text}, 1, []string{"note: sentence 1 skipped", "one sentence: nothing to compare"}},
		{[]string{tn.held[0].Text, tn.held[1].Text}, 2, nil},
	}
	for _, tt := range tests {
		q, err := tn.c.Quick("bank", tt.texts)
		if err != nil {
			t.Errorf("%q: %v", tt.texts, err)
			continue
		}
		if len(q.Sentences) != tt.kept || len(q.Skipped) != len(tt.texts)-tt.kept {
			t.Errorf("%q: kept %d, skipped %d; want %d kept", tt.texts, len(q.Sentences), len(q.Skipped), tt.kept)
		}
		var buf bytes.Buffer
		if err := q.Write(&buf); err != nil {
			t.Fatal(err)
		}
		for _, want := range tt.skipped {
			if !strings.Contains(buf.String(), want) {
				t.Errorf("%q: output lacks %q:\n%s", tt.texts, want, buf.String())
			}
		}
	}
}

// TestSharedWord checks which word the quick look follows without --word.
func TestSharedWord(t *testing.T) {
	tn := newTiny(t, true)
	for _, w := range []string{"the", "river", "was"} {
		if !tn.c.Vocab.Has(w) {
			t.Fatalf("the tiny vocabulary lacks %q, which the cases below need", w)
		}
	}
	tests := []struct {
		texts       []string
		word, why   string
		errContains string
	}{
		{[]string{"the banks flooded", "she paid the bank"}, "bank", "senses", ""},
		{[]string{"the bank was closed", "the river was wide", "we sat on the bank"}, "bank", "senses", ""},
		{[]string{"the river was wide", "the river was high"}, "river", "rarest", ""},
		{[]string{"the river was wide", "a zorblat"}, "", "", "share no word"},
	}
	for _, tt := range tests {
		word, why, err := tn.c.SharedWord(tt.texts)
		if tt.errContains != "" {
			if err == nil || !strings.Contains(err.Error(), tt.errContains) {
				t.Errorf("%q: err = %v, want %q", tt.texts, err, tt.errContains)
			}
			continue
		}
		if err != nil || word != tt.word || !strings.Contains(why, tt.why) {
			t.Errorf("%q: got %q (%s), %v; want %q (%s)", tt.texts, word, why, err, tt.word, tt.why)
		}
	}
}
