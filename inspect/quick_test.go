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
		wantLine   string // "" for an error
	}{
		{"bank", "the banks flooded after the storm", 1, `("bank" = token 2, as "banks")`},
		{"banks", "we walked along the banks", 4, `("bank" = token 5, as "banks")`},
		{"bank", "she paid the bank", 3, `("bank" = token 4)`},
		{"bank", "the bankers left", -1, ""},
	}
	for _, tt := range tests {
		q, err := tn.c.Quick(tt.word, []string{tt.text, "the bank was closed"})
		if tt.wantLine == "" {
			if err == nil {
				t.Errorf("%q in %q: no error", tt.word, tt.text)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q in %q: %v", tt.word, tt.text, err)
			continue
		}
		if q.Sentences[0].Pos != tt.pos {
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
