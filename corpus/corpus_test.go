package corpus

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/configs"

	"github.com/attendlab/attend/data"
)

// defaultCorpus is the built-in corpus of the default run: configs/bank.yaml's
// data section.
func defaultCorpus(t testing.TB) Config {
	t.Helper()
	c, err := configs.Default()
	if err != nil {
		t.Fatal(err)
	}
	return FromConfig(c.Data)
}

// joined serialises a corpus so two corpora can be compared byte for byte.
func joined(sents []data.Sentence) []byte {
	var b bytes.Buffer
	for _, s := range sents {
		b.WriteString(s.Label())
		b.WriteByte('\t')
		b.WriteString(strings.Join(s.Tokens, " "))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func generate(t *testing.T, cfg Config) (train, heldout []data.Sentence) {
	t.Helper()
	train, heldout, err := Generate(cfg)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", cfg, err)
	}
	return train, heldout
}

func TestGenerateDeterministic(t *testing.T) {
	cfg := defaultCorpus(t)
	tr1, ho1 := generate(t, cfg)
	tr2, ho2 := generate(t, cfg)
	if !bytes.Equal(joined(tr1), joined(tr2)) || !bytes.Equal(joined(ho1), joined(ho2)) {
		t.Error("same seed gave different corpora")
	}
	cfg.Seed = 2
	tr3, ho3 := generate(t, cfg)
	if bytes.Equal(joined(tr1), joined(tr3)) || bytes.Equal(joined(ho1), joined(ho3)) {
		t.Error("seeds 1 and 2 gave the same corpus")
	}
}

func TestGenerateSizesAndLabels(t *testing.T) {
	tests := []struct {
		name  string
		cfg   Config
		words []string
	}{
		{"default", defaultCorpus(t), builtinWords(t)},
		{"empty words means all", Config{TrainPerSense: 30, HeldoutPerSense: 5, Seed: 7}, builtinWords(t)},
		{"subset unsorted with repeat", Config{Words: []string{"mouse", "bank", "mouse"}, TrainPerSense: 20, HeldoutPerSense: 4, Seed: 3}, []string{"bank", "mouse"}},
		{"small", Config{Words: []string{"bank"}, TrainPerSense: 10, HeldoutPerSense: 2, Seed: 9}, []string{"bank"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			train, heldout := generate(t, tt.cfg)
			var want []string
			for _, w := range tt.words {
				for _, s := range sensesOf(t, w) {
					want = append(want, w+":"+s)
				}
			}
			slices.Sort(want)
			for _, split := range []struct {
				sents []data.Sentence
				per   int
			}{{train, tt.cfg.TrainPerSense}, {heldout, tt.cfg.HeldoutPerSense}} {
				if got := data.SenseLabels(split.sents); !slices.Equal(got, want) {
					t.Errorf("labels %q, want %q", got, want)
				}
				count := make(map[string]int)
				for _, s := range split.sents {
					count[s.Label()]++
				}
				for _, l := range want {
					if count[l] != split.per {
						t.Errorf("%s: %d sentences, want %d", l, count[l], split.per)
					}
				}
			}
		})
	}
}

// TestCorpusSentences checks every generated sentence: length bounds, the
// target at Pos exactly once, Text and Tokens agreeing.
func TestCorpusSentences(t *testing.T) {
	train, heldout := generate(t, defaultCorpus(t))
	for _, s := range slices.Concat(train, heldout) {
		toks := data.Tokenize(s.Text)
		if !slices.Equal(toks, s.Tokens) {
			t.Fatalf("Tokens %q != data.Tokenize(Text %q)", s.Tokens, s.Text)
		}
		if n := len(toks); n < 5 || n > 20 {
			t.Errorf("%q has %d tokens, want 5..20", s.Text, n)
		}
		if s.Pos < 0 || s.Pos >= len(toks) || !slices.Contains(data.Forms(s.Word), toks[s.Pos]) {
			t.Errorf("%q: Pos %d does not hold %q or its plural", s.Text, s.Pos, s.Word)
		}
		if n := countTargets(toks, data.Forms(s.Word)); n != 1 {
			t.Errorf("%q: target %q occurs %d times, want 1", s.Text, s.Word, n)
		}
		if !slices.Contains(sensesOf(t, s.Word), s.Sense) {
			t.Errorf("%q: sense %q not a sense of %q", s.Text, s.Sense, s.Word)
		}
	}
}

func TestHeldoutDisjointAndCovered(t *testing.T) {
	cfgs := []Config{
		defaultCorpus(t),
		{Words: []string{"bank", "spring"}, TrainPerSense: 5, HeldoutPerSense: 10, Seed: 4},
	}
	for _, cfg := range cfgs {
		train, heldout := generate(t, cfg)
		seen := make(map[string]bool)
		for _, s := range train {
			key := strings.Join(s.Tokens, " ")
			if seen[key] {
				t.Errorf("training sentence %q repeated", key)
			}
			seen[key] = true
		}
		vocab := data.BuildVocab(tokensOf(train), 1)
		for _, s := range heldout {
			key := strings.Join(s.Tokens, " ")
			if seen[key] {
				t.Errorf("held-out sentence %q also in training or repeated", key)
			}
			seen[key] = true
			for _, tok := range s.Tokens {
				if !vocab.Has(tok) {
					t.Errorf("held-out word %q (in %q) not in training vocabulary", tok, s.Text)
				}
			}
		}
	}
}

func tokensOf(sents []data.Sentence) [][]string {
	out := make([][]string, len(sents))
	for i, s := range sents {
		out[i] = s.Tokens
	}
	return out
}

func TestGenerateErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"zero train", Config{TrainPerSense: 0, HeldoutPerSense: 1}, "positive"},
		{"negative held-out", Config{TrainPerSense: 1, HeldoutPerSense: -1}, "positive"},
		{"unknown word", Config{Words: []string{"bank", "tank"}, TrainPerSense: 1, HeldoutPerSense: 1}, `"tank"`},
		{"impossible size", Config{Words: []string{"bank"}, TrainPerSense: 1 << 50, HeldoutPerSense: 1}, "at most"},
		{"held-out impossible from tiny training", Config{Words: []string{"bank"}, TrainPerSense: 1, HeldoutPerSense: 1 << 50}, "held-out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Generate(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestSenseLabels(t *testing.T) {
	sents := []data.Sentence{
		{Word: "bat", Sense: "sport"},
		{Word: "bank", Sense: "river"},
		{Pos: -1},
		{Word: "bat", Sense: "sport"},
		{Word: "bank", Sense: "finance"},
	}
	want := []string{"bank:finance", "bank:river", "bat:sport"}
	if got := data.SenseLabels(sents); !slices.Equal(got, want) {
		t.Errorf("data.SenseLabels = %q, want %q", got, want)
	}
	if got := (data.Sentence{Word: "bank"}).Label(); got != "" {
		t.Errorf("Label without sense = %q, want empty", got)
	}
}

// TestPluralTargets checks that the training split writes every word's
// plural (so the vocabulary has it and the head learns it) while the
// held-out split keeps the singular, the one static vector the report's
// baseline rests on.
func TestPluralTargets(t *testing.T) {
	train, heldout := generate(t, defaultCorpus(t))
	tests := []struct {
		split     string
		sents     []data.Sentence
		wantShare [2]float64 // bounds on the plural share of each sense
	}{
		{"train", train, [2]float64{0.01, 0.3}},
		{"heldout", heldout, [2]float64{0, 0}},
	}
	for _, tt := range tests {
		plural, all := map[string]int{}, map[string]int{}
		for _, s := range tt.sents {
			all[s.Label()]++
			if s.Tokens[s.Pos] == data.Forms(s.Word)[1] {
				plural[s.Label()]++
			}
		}
		for label, n := range all {
			share := float64(plural[label]) / float64(n)
			if share < tt.wantShare[0] || share > tt.wantShare[1] {
				t.Errorf("%s %s: %d of %d targets plural (%.3f), want %.2f..%.2f", tt.split, label, plural[label], n, share, tt.wantShare[0], tt.wantShare[1])
			}
		}
	}
}

// parsedText is the corpus's data files, parsed.
func parsedText(t testing.TB) *text {
	t.Helper()
	tx, err := loaded()
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

func builtinWords(t testing.TB) []string { return wordsOf(parsedText(t).lexicon) }

func sensesOf(t testing.TB, word string) []string {
	t.Helper()
	s, err := SensesOf(word)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
