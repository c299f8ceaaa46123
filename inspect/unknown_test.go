package inspect

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/data"
)

// TestReportUnknown checks the report's count of unreadable tokens and its
// per-sentence listing, in JSON and text.
func TestReportUnknown(t *testing.T) {
	tn := newTiny(t, true)
	odd := data.Sentence{Text: "the zorblat bank by the qux", Tokens: data.Tokenize("the zorblat bank by the qux"),
		Word: "bank", Pos: 2, Sense: "river"}
	eval := append(slices.Clone(tn.held), odd)
	tokens := 0
	for _, s := range eval {
		tokens += len(s.Tokens)
	}
	var got struct {
		Tokens        int              `json:"tokens"`
		UnknownTokens int              `json:"unknown_tokens"`
		UnknownRate   float64          `json:"unknown_rate"`
		Sentences     []SentenceResult `json:"sentences"`
	}
	r := tn.reportJSON(t, ReportOptions{DataName: "x.tsv", Eval: eval, Train: tn.train}, &got)
	if got.Tokens != tokens || got.UnknownTokens != 2 || got.UnknownRate != 2/float64(tokens) {
		t.Errorf("tokens %d unknown %d rate %v, want %d, 2, %v", got.Tokens, got.UnknownTokens, got.UnknownRate, tokens, 2/float64(tokens))
	}
	if len(got.Sentences) != len(eval) {
		t.Fatalf("%d sentences, want %d", len(got.Sentences), len(eval))
	}
	last := got.Sentences[len(eval)-1]
	if !slices.Equal(last.Unknown, []string{"zorblat", "qux"}) || last.Text != odd.Text || last.Sense != "river" {
		t.Errorf("last sentence = %+v, want the odd one with unknown [zorblat qux]", last)
	}
	for i, s := range got.Sentences {
		if s.CentroidCorrect == nil {
			t.Errorf("sentence %d (%q) has no centroid verdict", i, s.Text)
		}
		if i < len(eval)-1 && len(s.Unknown) != 0 {
			t.Errorf("held-out sentence %q has unknown words %q", s.Text, s.Unknown)
		}
	}
	var buf bytes.Buffer
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2 of them (", "read as [UNK]", "the [UNK:zorblat] bank by the [UNK:qux]"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, buf.String())
		}
	}
}

// TestQuickUnknownPerSentence checks that the quick look names the unknown
// words under the sentence that has them.
func TestQuickUnknownPerSentence(t *testing.T) {
	tn := newTiny(t, true)
	q, err := tn.c.Quick("bank", []string{tn.held[0].Text, "a zorblat bank", tn.held[1].Text})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := q.Write(&buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), "[2] a zorblat bank") })
	if i < 0 || !strings.Contains(lines[i+1], "[UNK]): zorblat") {
		t.Fatalf("no unknown note under sentence 2:\n%s", buf.String())
	}
	if n := strings.Count(buf.String(), "not in the vocabulary"); n != 1 {
		t.Errorf("%d unknown notes, want 1 (only sentence 2 has unknown words):\n%s", n, buf.String())
	}
}
