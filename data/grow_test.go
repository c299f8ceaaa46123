package data

import (
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/configs"
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

// filesConfig is a config reading train and held-out .tsv files.
func filesConfig(t *testing.T, train, heldout string, sets ...string) *configs.Config {
	t.Helper()
	c, err := configs.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append([]string{"data.corpus=files", "data.train_file=" + writeTemp(t, "train.tsv", train),
		"data.heldout_file=" + writeTemp(t, "heldout.tsv", heldout)}, sets...) {
		if err := c.Set(s); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// TestLoadFrom: a new run from a saved vocabulary adds the new data's words;
// a labelled target the training data lacks is an error naming the file.
func TestLoadFrom(t *testing.T) {
	saved := BuildVocab([][]string{{"the", "dog", "tree"}}, 1).Words()
	const train = "bark\tdog\tthe dog gave a bark\nbark\ttree\tthe bark of the tree\n"
	tests := []struct {
		name, heldout string
		sets          []string
		want          string // substring of the error; "" = none
	}{
		{"fine", "bark\tdog\ta loud bark\n", nil, ""},
		{"target missing", "seal\tanimal\tthe seal swam\n", nil, `heldout.tsv: target word "seal" never occurs in the training data`},
		{"target below min count", "bark\tdog\ta bark\n", []string{"data.min_count=3"}, `train.tsv: target word "bark" occurs 2 times in `},
		{"held-out target below min count", "gave\tgift\tshe gave it\n", []string{"data.min_count=2"}, `heldout.tsv: target word "gave" occurs 1 times in `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := filesConfig(t, train, tt.heldout, tt.sets...)
			d, err := LoadFrom(c, saved)
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), c.Data.TrainFile) {
					t.Errorf("got %v, want an error naming %s and containing %q", err, c.Data.TrainFile, tt.want)
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
			if again, _ := Load(c, d.Vocab.Words()); again.Added != nil || again.Vocab.Len() != d.Vocab.Len() {
				t.Error("Load of the grown vocabulary (a resume) changed it")
			}
		})
	}
	if _, err := Load(filesConfig(t, train, "seal\tanimal\tthe seal swam\n"), nil); err == nil || !strings.Contains(err.Error(), "seal") {
		t.Errorf("fresh run with a held-out target the training data lacks: got %v", err)
	}
}
