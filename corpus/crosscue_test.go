package corpus

import (
	"fmt"
	"strings"
	"testing"

	"github.com/attendlab/attend/data"
)

// crossCue is how much of one sense's training sees the other sense's
// world: the share of its sentences holding a deciding cue of the other
// sense, and the strongest such cue (the one in most of its sentences).
type crossCue struct {
	label     string  // word:sense whose sentences are counted
	share     float64 // share of them that contain any deciding cue of the other sense
	cue       string  // the other sense's deciding cue found in most of them
	cueShare  float64 // share of label's sentences that contain cue
	precision float64 // share of the word's sentences with cue that have the other sense
}

// minCueCount keeps a word seen only a handful of times from counting as a
// deciding cue: its precision says nothing.
const minCueCount = 20

// crossCues computes a crossCue for every sense label of sents. A cue
// decides a sense when at least cuePrecision of the word's sentences
// holding it have that sense and it occurs in minCueCount of them.
func crossCues(sents []data.Sentence) []crossCue {
	type key struct{ label, tok string }
	count := make(map[key]int)
	for _, s := range sents {
		for _, tok := range contextSet(s) {
			count[key{s.Label(), tok}]++
		}
	}
	labels := data.SenseLabels(sents)
	otherOf := func(label string) string { return otherSense(labels, label) }
	precision := func(label, tok string) float64 {
		n, o := count[key{label, tok}], count[key{otherOf(label), tok}]
		if n < minCueCount {
			return 0
		}
		return float64(n) / float64(n+o)
	}
	var out []crossCue
	for _, label := range data.SenseLabels(sents) {
		other := otherOf(label)
		var total, hit int
		for _, s := range sents {
			if s.Label() != label {
				continue
			}
			total++
			for _, tok := range contextSet(s) {
				if precision(other, tok) >= cuePrecision {
					hit++
					break
				}
			}
		}
		c := crossCue{label: label, share: float64(hit) / float64(max(total, 1))}
		for k, n := range count {
			if k.label != label || precision(other, k.tok) < cuePrecision {
				continue
			}
			if sh := float64(n) / float64(total); sh > c.cueShare || sh == c.cueShare && k.tok < c.cue {
				c.cue, c.cueShare, c.precision = k.tok, sh, precision(other, k.tok)
			}
		}
		out = append(out, c)
	}
	return out
}

// contextSet returns the distinct context words of s (the target is not one).
func contextSet(s data.Sentence) []string {
	seen := make(map[string]bool)
	var out []string
	for i, tok := range s.Tokens {
		if i != s.Pos && !seen[tok] {
			seen[tok] = true
			out = append(out, tok)
		}
	}
	return out
}

// minCrossShare is the least share of a sense's training sentences that
// must carry the other sense's world (issue 20: misleading context is the
// norm in real text, so it must not be rare in training).
const minCrossShare = 0.05

// TestCrossCues logs, per sense, how often the other sense's deciding cues
// appear in its training sentences (`go test -v ./data -run CrossCues`)
// and fails when a sense sees them in under minCrossShare of its sentences.
func TestCrossCues(t *testing.T) {
	train, _ := generate(t, defaultCorpus(t))
	var b strings.Builder
	fmt.Fprintf(&b, "other sense's deciding cues (precision >= %.2f, >= %d sentences) in each sense's sentences:\n", cuePrecision, minCueCount)
	fmt.Fprintf(&b, "%-16s %7s %-14s %7s %9s\n", "sense", "share", "strongest", "share", "precision")
	for _, c := range crossCues(train) {
		fmt.Fprintf(&b, "%-16s %7.3f %-14s %7.3f %9.3f\n", c.label, c.share, c.cue, c.cueShare, c.precision)
		if c.share < minCrossShare {
			t.Errorf("%s: the other sense's cues are in %.1f%% of its sentences, want >= %.0f%%", c.label, 100*c.share, 100*minCrossShare)
		}
	}
	t.Log(b.String())
}

// TestCrossCuesCounts checks crossCues on a corpus whose figures are known:
// "loan" decides finance (20 of 25) and sits in 5 of 25 river sentences;
// "mud" decides river and never meets finance.
func TestCrossCuesCounts(t *testing.T) {
	var sents []data.Sentence
	add := func(n int, sense string, toks ...string) {
		for range n {
			sents = append(sents, data.Sentence{Tokens: toks, Word: "bank", Pos: 1, Sense: sense})
		}
	}
	add(20, "finance", "the", "bank", "loan")
	add(20, "river", "the", "bank", "mud")
	add(5, "river", "the", "bank", "loan")
	want := map[string]crossCue{
		"bank:finance": {label: "bank:finance"},
		"bank:river":   {label: "bank:river", share: 0.2, cue: "loan", cueShare: 0.2, precision: 0.8},
	}
	got := crossCues(sents)
	if len(got) != len(want) {
		t.Fatalf("got %d senses, want %d", len(got), len(want))
	}
	for _, c := range got {
		if c != want[c.label] {
			t.Errorf("%s: got %+v, want %+v", c.label, c, want[c.label])
		}
	}
}
