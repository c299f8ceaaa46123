package explore

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/attendlab/attend/inspect"
)

// Limits of one request: the page is for a handful of sentences at a time.
const (
	MaxSentences = 8
	MaxChars     = 300 // characters of one sentence
)

// Query is what the page asks for, as its URL says it.
type Query struct {
	Word      string   // "" = the word the sentences share
	Sentences []string // s=, in order
	Layer     int      // 1-based, for the head view and the step-by-step view
	Head      int      // 1-based
	Focus     int      // 1-based sentence of the step-by-step view
}

// ParseQuery reads a query string: word, s (repeated), layer, head, focus.
// Missing numbers are 1; sentences are required and bounded.
func ParseQuery(v url.Values) (Query, error) {
	q := Query{Word: strings.TrimSpace(v.Get("word")), Layer: 1, Head: 1, Focus: 1}
	for _, s := range v["s"] {
		if s = strings.TrimSpace(s); s != "" {
			q.Sentences = append(q.Sentences, s)
		}
	}
	switch {
	case len(q.Sentences) == 0:
		return q, fmt.Errorf("no sentence: give one or more with s=SENTENCE")
	case len(q.Sentences) > MaxSentences:
		return q, fmt.Errorf("%d sentences: at most %d at a time", len(q.Sentences), MaxSentences)
	}
	for i, s := range q.Sentences {
		if n := len([]rune(s)); n > MaxChars {
			return q, fmt.Errorf("sentence %d has %d characters: at most %d", i+1, n, MaxChars)
		}
	}
	for _, f := range []struct {
		key string
		dst *int
	}{{"layer", &q.Layer}, {"head", &q.Head}, {"focus", &q.Focus}} {
		if s := v.Get(f.key); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				return q, fmt.Errorf("%s=%q: want a whole number from 1", f.key, s)
			}
			*f.dst = n
		}
	}
	return q, nil
}

// Analysis is everything the page shows for one query.
type Analysis struct {
	Word      string       `json:"word"`
	WordNote  string       `json:"word_note,omitempty"` // how the word was chosen when the query did not say
	Reps      []string     `json:"reps"`                // static, input, layer1..layerN
	Sentences []Sentence   `json:"sentences"`
	Skipped   []Skipped    `json:"skipped"`
	Notes     []string     `json:"notes"` // what could not be shown, e.g. centroids without the training data
	Pairs     []Pair       `json:"pairs"` // the quick look: cosine of the word's vectors per pair and rep
	Layer     int          `json:"layer"`
	Head      int          `json:"head"`
	Focus     int          `json:"focus"`   // 1-based index into Sentences
	Explain   *Walkthrough `json:"explain"` // Focus's word, Layer, Head
	// Explains holds every sentence × layer × head walkthrough, in that
	// order, in a page written to a file (nothing to ask a server); empty
	// when served.
	Explains []*Walkthrough `json:"explains,omitempty"`
}

// Sentence is one typed sentence as the model read it.
type Sentence struct {
	Text      string          `json:"text"`
	Tokens    []string        `json:"tokens"`  // as tokenised (lower-cased, punctuation dropped)
	Display   []string        `json:"display"` // Tokens with unknown words as [UNK:word]
	Target    int             `json:"target"`  // 0-based token of the word (its first occurrence)
	Unknown   []string        `json:"unknown"`
	Verdict   inspect.Verdict `json:"verdict"`
	Map       [][2]float64    `json:"map"`       // the word's place on the senses map, per rep
	Attention [][][][]float64 `json:"attention"` // [layer][head][query][key]
}

// Skipped is a sentence left out, and why.
type Skipped struct {
	Text string `json:"text"`
	Why  string `json:"why"`
}

// Pair is the cosine between the word's vectors in sentences A and B
// (1-based), one per rep.
type Pair struct {
	A   int       `json:"a"`
	B   int       `json:"b"`
	Cos []float64 `json:"cos"`
}

// Walkthrough is inspect.Walkthrough as the page reads it.
type Walkthrough struct {
	Sentence    int         `json:"sentence"` // 1-based
	Layer       int         `json:"layer"`
	Head        int         `json:"head"`
	Tokens      []string    `json:"tokens"`
	Pos         int         `json:"pos"`
	DK          int         `json:"d_k"`
	NormFirst   bool        `json:"norm_first"`
	X           []float64   `json:"x"`
	Q           []float64   `json:"q"`
	K           [][]float64 `json:"k"`
	V           [][]float64 `json:"v"`
	Raw         []float64   `json:"raw"`    // q·k_j
	Scaled      []float64   `json:"scaled"` // q·k_j / √d_k
	Weights     []float64   `json:"weights"`
	Model       []float64   `json:"model"` // the model's own weights for the row
	MaxDiff     float64     `json:"max_diff"`
	Out         []float64   `json:"out"` // Σ_j weight_j v_j
	EntropyRaw  float64     `json:"entropy_raw"`
	EntropyNorm float64     `json:"entropy_norm"`
	Top         []int       `json:"top"`
	Reps        []string    `json:"reps"` // input, layer1..layerN
	StaticCos   []float64   `json:"static_cos"`
}

func walkthrough(sentence int, wt *inspect.Walkthrough) *Walkthrough {
	return &Walkthrough{Sentence: sentence, Layer: wt.Layer, Head: wt.Head, Tokens: wt.Sentence.Tokens, Pos: wt.Sentence.Pos,
		DK: wt.DK, NormFirst: wt.NormFirst, X: wt.X, Q: wt.Q, K: wt.K, V: wt.V, Raw: wt.Raw, Scaled: wt.Scaled,
		Weights: wt.Weights, Model: wt.Model, MaxDiff: wt.MaxDiff, Out: wt.Out, EntropyRaw: wt.EntropyRaw,
		EntropyNorm: wt.EntropyNorm, Top: wt.Top, Reps: wt.Reps, StaticCos: wt.StaticCos}
}
