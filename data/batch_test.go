package data

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// fixture returns a small corpus with its vocabulary and labels: 25
// sentences of the built-in corpus (seed 5) for each sense of bank and bat,
// saved as a file because this package is below the corpus.
func fixture(t *testing.T) ([]Sentence, *Vocab, []string) {
	t.Helper()
	train, err := LoadTSV("testdata/batch.tsv")
	if err != nil {
		t.Fatal(err)
	}
	return train, BuildVocab(tokensOf(train), 1), SenseLabels(train)
}

func tokensOf(sents []Sentence) [][]string {
	out := make([][]string, len(sents))
	for i, s := range sents {
		out[i] = s.Tokens
	}
	return out
}

func TestMaskProportions(t *testing.T) {
	sents, v, labels := fixture(t)
	const maxLen = 24
	b, err := NewBatcher(sents, v, labels, 16, maxLen, MaskConfig{Prob: 0.15}, 11)
	if err != nil {
		t.Fatal(err)
	}
	var real, chosen, masked, random, kept int
	for range 1500 {
		bt := b.Next()
		for r := 0; r < bt.B; r++ {
			orig := v.Encode(sents[bt.Index[r]].Tokens)
			for j := 0; j < bt.T; j++ {
				k := r*bt.T + j
				if j >= len(orig) {
					if !bt.Pad[k] || bt.IDs[k] != PadID || bt.Labels[k] != IgnoreLabel {
						t.Fatalf("row %d pos %d: padding not clean: pad %v id %d label %d", r, j, bt.Pad[k], bt.IDs[k], bt.Labels[k])
					}
					continue
				}
				real++
				if bt.Pad[k] {
					t.Fatalf("row %d pos %d: real token marked as padding", r, j)
				}
				if bt.Labels[k] == IgnoreLabel {
					if bt.IDs[k] != orig[j] {
						t.Fatalf("row %d pos %d: unchosen token changed %d -> %d", r, j, orig[j], bt.IDs[k])
					}
					continue
				}
				chosen++
				if bt.Labels[k] != orig[j] {
					t.Fatalf("row %d pos %d: label %d, want original id %d", r, j, bt.Labels[k], orig[j])
				}
				switch id := bt.IDs[k]; {
				case id == MaskID:
					masked++
				case id == orig[j]:
					kept++
				case id < numSpecial || id >= v.Len():
					t.Fatalf("random replacement %d outside [%d, %d)", id, numSpecial, v.Len())
				default:
					random++
				}
			}
		}
	}
	// A random replacement equal to the original counts as kept; with this
	// vocabulary that shifts under 1% of chosen tokens.
	tests := []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"chosen share of real tokens", float64(chosen) / float64(real), 0.15, 0.01},
		{"[MASK] share of chosen", float64(masked) / float64(chosen), 0.8, 0.02},
		{"random share of chosen", float64(random) / float64(chosen), 0.1, 0.02},
		{"unchanged share of chosen", float64(kept) / float64(chosen), 0.1, 0.02},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > tt.tol {
			t.Errorf("%s = %.4f, want %.2f ± %.2f", tt.name, tt.got, tt.want, tt.tol)
		}
	}
}

// TestWordDropout checks that UnkProb turns about that share of the context
// words into [UNK], never the target, and leaves the labels alone.
func TestWordDropout(t *testing.T) {
	sents, v, labels := fixture(t)
	for _, p := range []float64{0, 0.1, 0.3} {
		b, err := NewBatcher(sents, v, labels, 16, 24, MaskConfig{UnkProb: p}, 7)
		if err != nil {
			t.Fatal(err)
		}
		var context, unk int
		for range 300 {
			bt := b.Next()
			for r := 0; r < bt.B; r++ {
				orig := v.Encode(sents[bt.Index[r]].Tokens)
				for j, id := range orig {
					k := r*bt.T + j
					if bt.Labels[k] != IgnoreLabel {
						t.Fatalf("p %v: label %d set without MLM", p, bt.Labels[k])
					}
					if j == bt.Target[r] {
						if bt.IDs[k] != id {
							t.Fatalf("p %v: target replaced by %d", p, bt.IDs[k])
						}
						continue
					}
					context++
					switch bt.IDs[k] {
					case UnkID:
						unk++
					case id:
					default:
						t.Fatalf("p %v: context word %d became %d", p, id, bt.IDs[k])
					}
				}
			}
		}
		if got := float64(unk) / float64(context); math.Abs(got-p) > 0.01 {
			t.Errorf("UnkProb %v: %.3f of %d context words read as [UNK]", p, got, context)
		}
	}
	for _, p := range []float64{-0.1, 1, math.NaN()} {
		if _, err := NewBatcher(sents, v, labels, 4, 20, MaskConfig{UnkProb: p}, 1); err == nil {
			t.Errorf("word dropout %v: no error", p)
		}
	}
}

func TestNoMasking(t *testing.T) {
	sents, v, labels := fixture(t)
	b, err := NewBatcher(sents, v, labels, 8, 20, MaskConfig{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		bt := b.Next()
		for k, l := range bt.Labels {
			if l != IgnoreLabel || (bt.IDs[k] == MaskID) {
				t.Fatalf("Prob 0: position %d label %d id %d", k, l, bt.IDs[k])
			}
		}
	}
}

func TestBatcherEpochs(t *testing.T) {
	sents, v, labels := fixture(t) // 100 sentences
	const batch = 7
	b, err := NewBatcher(sents, v, labels, batch, 20, MaskConfig{Prob: 0.15}, 3)
	if err != nil {
		t.Fatal(err)
	}
	var rows []int
	for len(rows) < 3*len(sents) {
		bt := b.Next()
		for r := range bt.B {
			rows = append(rows, bt.Index[r])
			s := sents[bt.Index[r]]
			if bt.Target[r] != s.Pos || labels[bt.Sense[r]] != s.Label() {
				t.Fatalf("row for sentence %d: target %d sense %d, want %d %q", bt.Index[r], bt.Target[r], bt.Sense[r], s.Pos, s.Label())
			}
		}
	}
	var orders [][]int
	for e := range 3 {
		order := slices.Clone(rows[e*len(sents) : (e+1)*len(sents)])
		orders = append(orders, slices.Clone(order))
		slices.Sort(order)
		for i, idx := range order {
			if idx != i {
				t.Fatalf("epoch %d does not visit every sentence once (sorted order %v)", e, order)
			}
		}
	}
	if slices.Equal(orders[0], orders[1]) || slices.Equal(orders[1], orders[2]) {
		t.Error("epochs were not reshuffled")
	}
	if want := len(rows) / len(sents); b.epoch != want {
		t.Errorf("epoch = %d, want %d", b.epoch, want)
	}
}

func TestEncode(t *testing.T) {
	sents := []Sentence{
		{Tokens: []string{"the", "river", "bank"}, Word: "bank", Pos: 2, Sense: "river"},
		{Tokens: []string{"a", "bank", "loan"}, Word: "bank", Pos: 1, Sense: "finance"},
		{Tokens: []string{"unlabelled", "text"}, Pos: -1},
		{Tokens: []string{"bank", "of", "mars"}, Word: "bank", Pos: 0, Sense: "mars"},
		{Tokens: []string{"zebra"}, Pos: -1},
	}
	v := BuildVocab(tokensOf(sents[:4]), 1)
	labels := []string{"bank:finance", "bank:river"}
	got, err := Encode(sents, v, labels, 2, 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d batches, want 3", len(got))
	}
	wantRows := []struct{ index, target, sense int }{
		{0, 2, 1}, {1, 1, 0}, {2, -1, -1}, {3, 0, -1}, {4, -1, -1}, {-1, -1, -1},
	}
	for i, w := range wantRows {
		bt, r := got[i/2], i%2
		if bt.B != 2 || bt.T != 4 {
			t.Fatalf("batch %d shape %dx%d, want 2x4", i/2, bt.B, bt.T)
		}
		if bt.Index[r] != w.index || bt.Target[r] != w.target || bt.Sense[r] != w.sense {
			t.Errorf("row %d: index %d target %d sense %d, want %+v", i, bt.Index[r], bt.Target[r], bt.Sense[r], w)
		}
		var ids []int
		if w.index >= 0 {
			ids = v.Encode(sents[w.index].Tokens)
		}
		for j := range bt.T {
			k := r*bt.T + j
			wantID, wantPad := PadID, j >= len(ids)
			if !wantPad {
				wantID = ids[j]
			}
			if bt.IDs[k] != wantID || bt.Pad[k] != wantPad || bt.Labels[k] != IgnoreLabel {
				t.Errorf("row %d pos %d: id %d pad %v label %d, want %d %v %d", i, j, bt.IDs[k], bt.Pad[k], bt.Labels[k], wantID, wantPad, IgnoreLabel)
			}
		}
	}
	if bt := got[2]; bt.IDs[4] != PadID || bt.IDs[0] != UnkID {
		t.Errorf("last batch ids %v: want the unknown word then padding", bt.IDs)
	}
}

func TestBatchInputErrors(t *testing.T) {
	sents, v, labels := fixture(t)
	long := Sentence{Text: strings.Repeat("word ", 40), Tokens: Tokenize(strings.Repeat("word ", 40)), Pos: -1}
	withLong := append(slices.Clone(sents[:3]), long)
	onlySpecials := BuildVocab(nil, 1)
	tests := []struct {
		name   string
		sents  []Sentence
		v      *Vocab
		labels []string
		batch  int
		maxLen int
		prob   float64
		want   string
	}{
		{"too long", withLong, v, labels, 4, 20, 0.15, `sentence 3 ("word word`},
		{"empty dataset", nil, v, labels, 4, 20, 0.15, "empty dataset"},
		{"batch zero", sents, v, labels, 0, 20, 0.15, "batch size"},
		{"maxLen zero", sents, v, labels, 4, 0, 0.15, "maxLen"},
		{"nil vocab", sents, nil, labels, 4, 20, 0.15, "nil vocabulary"},
		{"duplicate labels", sents, v, []string{"a", "a"}, 4, 20, 0.15, "duplicate sense label"},
		{"no tokens", []Sentence{{Text: "!"}}, v, labels, 4, 20, 0.15, "no tokens"},
		{"bad target", []Sentence{{Tokens: []string{"a"}, Pos: 1}}, v, labels, 4, 20, 0.15, "target position"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewBatcher(tt.sents, tt.v, tt.labels, tt.batch, tt.maxLen, MaskConfig{Prob: tt.prob}, 1)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewBatcher error %v, want one containing %q", err, tt.want)
			}
			_, err = Encode(tt.sents, tt.v, tt.labels, tt.batch, tt.maxLen)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Encode error %v, want one containing %q", err, tt.want)
			}
		})
	}
	for _, p := range []float64{-0.1, 1.5, math.NaN()} {
		if _, err := NewBatcher(sents, v, labels, 4, 20, MaskConfig{Prob: p}, 1); err == nil {
			t.Errorf("mask probability %v: no error", p)
		}
	}
	if _, err := NewBatcher(sents, onlySpecials, labels, 4, 20, MaskConfig{Prob: 0.15}, 1); err == nil {
		t.Error("vocabulary of specials only: no error")
	}
	_, err := NewBatcher(withLong, v, labels, 4, 20, MaskConfig{}, 1)
	if err == nil || !strings.Contains(err.Error(), "...") || len(err.Error()) > 200 {
		t.Errorf("too-long error %v, want the sentence text truncated", err)
	}
}

// MaxPerBatch caps the tokens chosen in a batch, in the training stream and
// in EncodeMasked's batches alike; a cap a batch never meets (MaxMasked's)
// leaves every batch as without it.
func TestMaskMaxPerBatch(t *testing.T) {
	sents, v, labels := fixture(t)
	const batch, maxLen = 16, 24
	count := func(bt Batch) int {
		n := 0
		for _, l := range bt.Labels {
			if l != IgnoreLabel {
				n++
			}
		}
		return n
	}
	for _, c := range []struct {
		prob     float64
		max      int
		sameAsNo bool // every batch as without a cap
	}{{1, 5, false}, {0.5, 40, false}, {0.15, MaxMasked(batch*maxLen, 0.15), true}} {
		capped, err := NewBatcher(sents, v, labels, batch, maxLen, MaskConfig{Prob: c.prob, MaxPerBatch: c.max}, 3)
		if err != nil {
			t.Fatal(err)
		}
		free, err := NewBatcher(sents, v, labels, batch, maxLen, MaskConfig{Prob: c.prob}, 3)
		if err != nil {
			t.Fatal(err)
		}
		met := false
		for i := range 50 {
			a, b := capped.Next(), free.Next()
			if n := count(a); n > c.max {
				t.Fatalf("prob %v cap %d: batch %d chose %d tokens", c.prob, c.max, i, n)
			} else if n == c.max {
				met = true
			}
			if c.sameAsNo && (!slices.Equal(a.Labels, b.Labels) || !slices.Equal(a.IDs, b.IDs)) {
				t.Fatalf("prob %v cap %d: batch %d differs from the uncapped one", c.prob, c.max, i)
			}
		}
		if !c.sameAsNo && !met {
			t.Errorf("prob %v cap %d: no batch reached the cap", c.prob, c.max)
		}
		held, err := EncodeMasked(sents, v, labels, batch, maxLen, MaskConfig{Prob: c.prob, MaxPerBatch: c.max}, 3)
		if err != nil {
			t.Fatal(err)
		}
		for i, bt := range held {
			if n := count(bt); n > c.max {
				t.Fatalf("prob %v cap %d: held-out batch %d chose %d tokens", c.prob, c.max, i, n)
			}
		}
	}
	if _, err := NewBatcher(sents, v, labels, batch, maxLen, MaskConfig{Prob: 0.15, MaxPerBatch: -1}, 3); err == nil {
		t.Error("a negative cap was accepted")
	}
}
