package data

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestHiddenWord: a hidden word's sentences train the sense head but have no
// centroids, WordPiece keeps their [MASK] whole (every vocabulary holds it),
// and masked LM never takes it as a word to predict.
func TestHiddenWord(t *testing.T) {
	train := []Sentence{
		{Tokens: []string{"the", "bank", "paid"}, Word: "bank", Pos: 1, Sense: "finance"},
		{Tokens: []string{MaskToken, "is", "a", "dog"}, Word: MaskToken, Pos: 0, Sense: "animal"},
		{Tokens: []string{"by", "the", "bank"}, Word: "bank", Pos: 2, Sense: "river"},
	}
	if !train[1].Hidden() || train[0].Hidden() || !HiddenWord(MaskToken) || HiddenWord("bank") {
		t.Fatal("Hidden: want the [MASK] sentence only")
	}
	if got := SenseLabels(train); !slices.Contains(got, "[MASK]:animal") {
		t.Errorf("SenseLabels = %v, want the hidden word's kind as a class", got)
	}
	for _, s := range CentroidSample(train) {
		if s.Hidden() {
			t.Errorf("CentroidSample kept %q", s.Tokens)
		}
	}
	if n := len(CentroidSample(train)); n != 2 {
		t.Errorf("CentroidSample: %d sentences, want 2", n)
	}
	mv, err := NewVocab([]string{PadToken, UnkToken, MaskToken, "the", "bank", "paid", "is", "a", "dog", "by"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBatcher(train, mv, SenseLabels(train), 3, 6, MaskConfig{Prob: 1}, 1)
	if err != nil {
		t.Fatal(err)
	}
	for range 4 {
		bt := b.Next()
		for i, id := range bt.IDs {
			if id == MaskID && bt.Labels[i] == MaskID {
				t.Fatalf("masked LM: position %d predicts %s", i, MaskToken)
			}
		}
	}
	v, err := NewVocab([]string{PadToken, UnkToken, MaskToken, "is", "a", "d", "##o", "##g"})
	if err != nil {
		t.Fatal(err)
	}
	s := NewWordPiece(v).Sentence(train[1])
	if want := []string{MaskToken, "is", "a", "d", "##o", "##g"}; !slices.Equal(s.Tokens, want) || s.Pos != 0 {
		t.Errorf("WordPiece: %q at %d, want %q at 0", s.Tokens, s.Pos, want)
	}
}

// TestLoadMissingFileNamesKey: a data file that is not there is named by its
// config key, the file and line of the config when Errorf knows them.
func TestLoadMissingFileNamesKey(t *testing.T) {
	train := writeTemp(t, "train.tsv", "bank\triver\tthe bank of the river\nbank\tmoney\tthe bank lends money\n")
	gone := filepath.Join(t.TempDir(), "gone.tsv")
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{TrainFile: gone, HeldoutFile: train, MaxLen: 16}, "data.train_file: load " + gone},
		{Options{TrainFile: train, HeldoutFile: gone, MaxLen: 16}, "data.heldout_file: load " + gone},
	} {
		_, err := Load(tc.o, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load: got %v, want %q in it", err, tc.want)
		}
	}
}
