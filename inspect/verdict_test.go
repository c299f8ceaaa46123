package inspect

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/eval"
)

// TestVerdicts checks the two verdicts against what they must be: a
// sentence that is its sense's only training sentence is its own centroid,
// so its nearest centroid is its own label with a margin of 1 minus the
// cosine to the other's; the head's label is one of the model's with a
// probability at least 1/labels.
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
	tests := []struct {
		name  string
		train []data.Sentence
		want  []string // nearest centroid per sentence
	}{
		{"own centroids", pair, []string{"bank:river", "bank:finance"}},
		{"no training data", nil, []string{"", ""}},
		{"other words only", []data.Sentence{{Text: "x", Tokens: []string{"bass"}, Word: "bass", Sense: "fish"}}, []string{"", ""}},
	}
	labels := tn.c.Loaded.File.Senses
	for _, tt := range tests {
		v, err := tn.c.Verdicts(pair, tt.train)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for i := range pair {
			if v[i].Centroid != tt.want[i] {
				t.Errorf("%s: sentence %d: nearest centroid %q, want %q", tt.name, i+1, v[i].Centroid, tt.want[i])
			}
			if !slices.Contains(labels, v[i].Head) || v[i].HeadProb < 1/float64(len(labels)) || v[i].HeadProb > 1 {
				t.Errorf("%s: sentence %d: head %q (p %v), want one of %v with p >= 1/%d", tt.name, i+1, v[i].Head, v[i].HeadProb, labels, len(labels))
			}
		}
	}
	v, _ := tn.c.Verdicts(pair, pair)
	m, err := tn.c.trained(2, longest(pair))
	if err != nil {
		t.Fatal(err)
	}
	vecs, err := layerVectors(m, tn.c.Vocab, pair, []tokenRef{{0, river.Pos}, {1, finance.Pos}})
	if err != nil {
		t.Fatal(err)
	}
	want := 1 - eval.Cosine(vecs[0][tn.layers], vecs[1][tn.layers])
	if math.Abs(v[0].Margin-want) > 1e-9 || math.Abs(v[1].Margin-want) > 1e-9 {
		t.Errorf("margins %v, %v; want 1 - cosine = %v", v[0].Margin, v[1].Margin, want)
	}
	if _, err := tn.c.Verdicts([]data.Sentence{{Text: "the bank", Tokens: []string{"the", "bank"}, Pos: -1}}, nil); err == nil {
		t.Error("a sentence without a target: no error")
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
