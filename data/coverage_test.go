package data

import (
	"strings"
	"testing"
)

// frequentWords are everyday English words, most of them among the most
// frequent in the language, with the inflections and contraction pieces
// ("don't" is [don t]) that ordinary sentences are full of. The default
// corpus must put every one of them in its training vocabulary.
var frequentWords = strings.Fields(`
		a about above across after afternoon again against all along also although always am among an 
		and any anyone anything april are around as ask at ate august baby back be because been began 
		behind being below beside between big blue boat both brother business but by call came can car 
		cat check children city come computer could couldn d dad day december did didn do does doesn 
		dog doing don done door down during each eat eight end evening every everyone everything face 
		family february find first five food for found four friday friend from gave get getting go 
		goes going gone good got grass great green had hand has have having he hear help her here 
		herself him himself his home house how hundred husband i if in inside is isn it january job 
		july june just kids kind knew know known last let light like little live lives living ll look 
		m made make making man many march may me men mom monday money month more morning most mother 
		must my myself name near need never new night nine no nobody not nothing november now october 
		of off often old on once one only open or other our ourselves out outside over part pay people 
		phone place play put re read ready red right room running s said same saturday saw say saying 
		says school see seen september set seven she short should show sister six small so some 
		someone something still stop such sunday sure t take taken tell ten than that the their them 
		themselves then there these they think this though thought thousand three through thursday 
		time to today tomorrow tonight too took toward towards try tuesday twenty two under unless 
		until up upon us use ve very walk want was wasn watch water way we wednesday week well went 
		were weren what when where whether which while white who why wife will with within without won 
		work would wouldn written wrote year yellow yesterday you young your yourself 
`)

// TestDefaultVocabulary checks the size of the default training vocabulary
// and that it covers frequentWords.
func TestDefaultVocabulary(t *testing.T) {
	train, _ := generate(t, DefaultCorpusConfig())
	v := BuildVocab(tokensOf(train), 1)
	if v.Len() < 2500 {
		t.Errorf("default training vocabulary has %d words, want >= 2500", v.Len())
	}
	var missing []string
	for _, w := range frequentWords {
		if !v.Has(w) {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d frequent words missing from the default vocabulary: %s", len(missing), strings.Join(missing, " "))
	}
	t.Logf("vocabulary %d words; %d frequent words checked", v.Len(), len(frequentWords))
}

// BenchmarkGenerateDefault times the default corpus (the issue asks for
// under a second).
func BenchmarkGenerateDefault(b *testing.B) {
	for b.Loop() {
		if _, _, err := Generate(DefaultCorpusConfig()); err != nil {
			b.Fatal(err)
		}
	}
}
