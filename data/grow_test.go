package data

import (
	"slices"
	"strings"
	"testing"
)

// TestVocabExtend: the saved ids keep their meaning and the words the
// sentences add follow, ordered as BuildVocab orders them.
func TestVocabExtend(t *testing.T) {
	base := BuildVocab([][]string{{"the", "bank", "the"}}, 1)
	tests := []struct {
		name      string
		sentences [][]string
		minCount  int
		added     []string
	}{
		{"nothing new", [][]string{{"the", "bank"}}, 1, nil},
		{"by count then name", [][]string{{"bark", "the", "dog", "bark", "oak"}}, 1, []string{"bark", "dog", "oak"}},
		{"min count", [][]string{{"bark", "dog", "bark"}}, 2, []string{"bark"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, added := base.Extend(tt.sentences, tt.minCount)
			if !slices.Equal(added, tt.added) {
				t.Errorf("added %q, want %q", added, tt.added)
			}
			if want := append(base.Words(), tt.added...); !slices.Equal(v.Words(), want) {
				t.Errorf("words %q, want %q", v.Words(), want)
			}
			for _, w := range tt.added {
				if !v.Has(w) || base.Has(w) {
					t.Errorf("%q: in the grown vocabulary %v, in the base %v", w, v.Has(w), base.Has(w))
				}
			}
		})
	}
}

// filesOptions reads train and held-out .tsv files with min count minCount.
func filesOptions(t *testing.T, train, heldout string, minCount int) Options {
	t.Helper()
	return Options{TrainFile: writeTemp(t, "train.tsv", train), HeldoutFile: writeTemp(t, "heldout.tsv", heldout),
		MaxLen: 20, MinCount: minCount}
}

// TestLoadFrom: a new run from a saved vocabulary adds the new data's words;
// a labelled target the training data lacks is an error naming the file.
func TestLoadFrom(t *testing.T) {
	saved := BuildVocab([][]string{{"the", "dog", "tree"}}, 1).Words()
	const train = "bark\tdog\tthe dog gave a bark\nbark\ttree\tthe bark of the tree\n"
	tests := []struct {
		name, heldout string
		minCount      int
		want          string // substring of the error; "" = none
	}{
		{"fine", "bark\tdog\ta loud bark\n", 1, ""},
		{"target missing", "seal\tanimal\tthe seal swam\n", 1, `heldout.tsv: target word "seal" never occurs in the training data`},
		{"target below min count", "bark\tdog\ta bark\n", 3, `train.tsv: target word "bark" occurs 2 times in `},
		{"held-out target below min count", "gave\tgift\tshe gave it\n", 2, `heldout.tsv: target word "gave" occurs 1 times in `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := filesOptions(t, train, tt.heldout, tt.minCount)
			d, err := LoadFrom(o, saved)
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), o.TrainFile) {
					t.Errorf("got %v, want an error naming %s and containing %q", err, o.TrainFile, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{"bark", "a", "gave", "of"}; !slices.Equal(d.Added, want) {
				t.Errorf("added %q, want %q", d.Added, want)
			}
			if !slices.Equal(d.Vocab.Words()[:len(saved)], saved) {
				t.Errorf("the saved ids moved: %q", d.Vocab.Words())
			}
			if again, _ := Load(o, d.Vocab.Words()); again.Added != nil || again.Vocab.Len() != d.Vocab.Len() {
				t.Error("Load of the grown vocabulary (a resume) changed it")
			}
		})
	}
	if _, err := Load(filesOptions(t, train, "seal\tanimal\tthe seal swam\n", 1), nil); err == nil || !strings.Contains(err.Error(), "seal") {
		t.Errorf("fresh run with a held-out target the training data lacks: got %v", err)
	}
}
