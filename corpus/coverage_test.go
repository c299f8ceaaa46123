package corpus

import (
	"strings"
	"testing"

	"github.com/attendlab/attend/data"
)

// TestDefaultVocabulary checks the size of the default training vocabulary
// and that it covers every word of words.txt.
func TestDefaultVocabulary(t *testing.T) {
	ev := parsedText(t).everyday
	train, _ := generate(t, defaultCorpus(t))
	v := data.BuildVocab(tokensOf(train), 1)
	if v.Len() < 2500 {
		t.Errorf("default training vocabulary has %d words, want >= 2500", v.Len())
	}
	var missing []string
	for _, w := range ev.words {
		if !v.Has(w) {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d words of %s missing from the default vocabulary: %s", len(missing), wordsFileName, strings.Join(missing, " "))
	}
	t.Logf("vocabulary %d words; %d words of %s checked", v.Len(), len(ev.words), wordsFileName)
}

// TestEverydayWordsAreNotAmbiguous keeps the built-in ambiguous words out
// of words.txt: their senses come only from the lexicon.
func TestEverydayWordsAreNotAmbiguous(t *testing.T) {
	ev := parsedText(t).everyday
	for _, w := range ev.words {
		if _, ok := findWord(parsedText(t).lexicon, w); ok {
			t.Errorf("%s lists the ambiguous word %q", wordsFileName, w)
		}
	}
}

// BenchmarkGenerateDefault times the default corpus (the issue asks for
// under a second).
func BenchmarkGenerateDefault(b *testing.B) {
	for b.Loop() {
		if _, _, err := Generate(defaultCorpus(b)); err != nil {
			b.Fatal(err)
		}
	}
}
