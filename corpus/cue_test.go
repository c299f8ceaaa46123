package corpus

import (
	"fmt"
	"strings"
	"testing"

	"github.com/attendlab/attend/data"
)

// cueStat is how well one context word predicts one sense of its word.
type cueStat struct {
	label     string  // word:sense
	cue       string  // the context word
	share     float64 // share of the sense's sentences that contain cue
	precision float64 // share of the word's sentences with cue that have this sense
	other     int     // sentences of the other sense that contain cue
}

// Cue-spread rules of the built-in corpus (issue: no single context word may
// decide a sense on its own in more than a tenth of its sentences). A word
// "decides" a sense when at least cuePrecision of the word's sentences that
// contain it have that sense.
const (
	cuePrecision = 0.8
	maxCueShare  = 0.10
)

// strongestCues returns, per sense label, the deciding context word with the
// largest share of that sense's sentences. The target word itself is not a
// context word.
func strongestCues(sents []data.Sentence) []cueStat {
	type key struct{ label, tok string }
	count := make(map[key]int)    // sentences of label containing tok
	total := make(map[string]int) // sentences per label
	for _, s := range sents {
		total[s.Label()]++
		seen := make(map[string]bool)
		for i, tok := range s.Tokens {
			if i != s.Pos && !seen[tok] {
				seen[tok] = true
				count[key{s.Label(), tok}]++
			}
		}
	}
	var out []cueStat
	labels := data.SenseLabels(sents)
	for _, label := range labels {
		other := otherSense(labels, label)
		best := cueStat{label: label}
		for k, n := range count {
			if k.label != label {
				continue
			}
			o := count[key{other, k.tok}]
			st := cueStat{label: label, cue: k.tok, share: float64(n) / float64(total[label]),
				precision: float64(n) / float64(n+o), other: o}
			if st.precision >= cuePrecision && (st.share > best.share || st.share == best.share && st.cue < best.cue) {
				best = st
			}
		}
		out = append(out, best)
	}
	return out
}

// TestCueSpread computes, for every sense of the default corpus, the
// strongest single-word cue and fails when it decides more than a tenth of
// the sense's sentences. `go test -v ./data -run Cue` logs the table.
func TestCueSpread(t *testing.T) {
	train, _ := generate(t, defaultCorpus(t))
	var b strings.Builder
	fmt.Fprintf(&b, "strongest single-word cue per sense (deciding = precision >= %.2f):\n", cuePrecision)
	fmt.Fprintf(&b, "%-16s %-12s %7s %9s %7s\n", "sense", "cue", "share", "precision", "other")
	for _, c := range strongestCues(train) {
		fmt.Fprintf(&b, "%-16s %-12s %7.3f %9.3f %7d\n", c.label, c.cue, c.share, c.precision, c.other)
		if c.share > maxCueShare {
			t.Errorf("%s: %q decides %.1f%% of its sentences, want <= %.0f%%", c.label, c.cue, 100*c.share, 100*maxCueShare)
		}
	}
	t.Log(b.String())
}

// TestStrongCuesAppearInOtherSense checks that the word that tells a sense
// apart best also occurs, in a role unrelated to the target, in the other
// sense's sentences (unless it is rare, under 2% of its sense).
func TestStrongCuesAppearInOtherSense(t *testing.T) {
	train, _ := generate(t, defaultCorpus(t))
	for _, c := range strongestCues(train) {
		if c.other == 0 && c.share > 0.02 {
			t.Errorf("%s: %q is in %.1f%% of its sentences and never in the other sense's", c.label, c.cue, 100*c.share)
		}
	}
}

// otherSense is the label of labels with label's word and another sense, or
// "" when sents had none.
func otherSense(labels []string, label string) string {
	word, sense := data.SplitLabel(label)
	for _, l := range labels {
		if w, s := data.SplitLabel(l); w == word && s != sense {
			return l
		}
	}
	return ""
}
