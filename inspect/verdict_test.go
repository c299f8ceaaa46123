package inspect

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/metrics"
)

// TestVerdicts checks the quick look's verdicts against what they must be:
// a sentence that is its sense's only training sentence is its own
// centroid, so its nearest centroid is its own sense with a margin of 1
// minus the cosine to the other's; the head's sense is one of the word's
// with a probability of at least 1/2.
func TestVerdicts(t *testing.T) {
	tn := newTiny(t, true)
	var river, finance data.Sentence
	for _, s := range tn.train {
		switch {
		case s.Sense == "river" && river.Word == "":
			river = s
		case s.Sense == "finance" && finance.Word == "":
			finance = s
		}
	}
	pair := []data.Sentence{river, finance}
	obs, err := tn.c.Observe(pair)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		train []data.Sentence
		want  []string // nearest centroid per sentence
	}{
		{"own centroids", pair, []string{"river", "finance"}},
		{"no training data", nil, []string{"", ""}},
	}
	for _, tt := range tests {
		cents, err := tn.c.Centroids(tt.train)
		if err != nil {
			t.Fatal(err)
		}
		for i := range pair {
			v := tn.c.Verdict(obs[i], cents["bank"])
			if v.Nearest != tt.want[i] {
				t.Errorf("%s: sentence %d: nearest centroid %q, want %q", tt.name, i+1, v.Nearest, tt.want[i])
			}
			if (v.Head != "river" && v.Head != "finance") || v.HeadProb < 0.5 || v.HeadProb > 1 {
				t.Errorf("%s: sentence %d: head %q (p %v), want river or finance with p >= 1/2", tt.name, i+1, v.Head, v.HeadProb)
			}
		}
	}
	cents, _ := tn.c.Centroids(pair)
	final := len(obs[0].Target) - 1
	want := 1 - metrics.Cosine(obs[0].Target[final], obs[1].Target[final])
	for i := range pair {
		if v := tn.c.Verdict(obs[i], cents["bank"]); math.Abs(v.Margin-want) > 1e-9 {
			t.Errorf("sentence %d: margin %v, want 1 - cosine = %v", i+1, v.Margin, want)
		}
	}
	// One sense's centroid: it is the nearest, with nothing to be nearer than.
	if v := tn.c.Verdict(obs[0], cents["bank"][:1]); !v.Only || v.Margin != 0 || v.Nearest != cents["bank"][0].Sense {
		t.Errorf("one centroid: %+v, want its sense, only_sense and margin 0", v)
	}
	if v := tn.c.Verdict(obs[0], cents["bank"]); v.Only {
		t.Errorf("two centroids: %+v, want only_sense false", v)
	}
}

// TestQuickVerdicts checks that the quick look prints both verdicts.
func TestQuickVerdicts(t *testing.T) {
	tn := newTiny(t, true)
	q, err := tn.c.Quick("bank", []string{tn.held[0].Text, tn.held[len(tn.held)-1].Text})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := q.Write(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"sense head: ", "nearest centroid: ", "cosine margin"} {
		if strings.Count(buf.String(), want) != 2 {
			t.Errorf("output has not two %q:\n%s", want, buf.String())
		}
	}
}
