package data

// The built-in corpus is generated from templates. A template is a
// space-separated list of literal words and slots:
//
//	{W} the ambiguous target word itself (exactly once per template)
//	{P} a person: a name or a subject pronoun (shared by all senses)
//	{T} a time phrase such as "yesterday" or "in the evening" (shared)
//	{N} a noun of the sense
//	{V} a past-tense verb of the sense
//	{A} an adjective of the sense
//
// Each sense owns its nouns, verbs, adjectives and the content words written
// into its templates; the two senses of one word never share such a word,
// so the only way to tell "bank:river" from "bank:finance" is to look at the
// context, which is exactly what self-attention has to learn.

// senseSpec is one meaning of an ambiguous word and everything needed to
// write sentences that use the word in that meaning.
type senseSpec struct {
	name      string
	nouns     []string
	verbs     []string
	adjs      []string
	templates []string
}

// wordSpec is an ambiguous word with its two senses in fixed order.
type wordSpec struct {
	word   string
	senses [2]senseSpec
}

// lexicon lists the built-in ambiguous words, sorted by word.
var lexicon = []wordSpec{bankSpec, bassSpec, batSpec, craneSpec, mouseSpec, springSpec}

// people fill {P}. Only subject forms, because {P} is always a subject.
var people = []string{
	"alice", "bob", "carol", "david", "emma", "frank", "grace", "henry",
	"irene", "jack", "kate", "leo", "maria", "nina", "oscar", "paul",
	"rosa", "sam", "tina", "victor", "he", "she", "they", "we",
}

// times fill {T}; some span several tokens to vary sentence length.
var times = []string{
	"yesterday", "today", "last week", "this morning", "on sunday",
	"on monday", "in the evening", "at noon", "last year", "once again",
	"after lunch", "every summer",
}

// functionWords are the neutral words that templates of any sense may use
// literally. Together with people and times they form the vocabulary shared
// by every sense, which carries no information about the meaning.
var functionWords = []string{
	"a", "about", "across", "after", "again", "all", "among", "an", "and",
	"around", "as", "asked", "at", "away", "back", "because", "before",
	"behind", "bought", "by", "could", "day", "during", "every", "far",
	"for", "found", "from", "gave", "got", "had", "her", "his", "in",
	"into", "it", "its", "kept", "long", "more", "near", "new", "next",
	"of", "on", "once", "one", "onto", "out", "over", "past", "put",
	"saw", "so", "some", "the", "their", "then", "through", "to", "took",
	"two", "under", "until", "up", "used", "walking", "was", "watched",
	"went", "were", "when", "where", "while", "with",
}

// findWord returns the spec of a built-in word.
func findWord(word string) (wordSpec, bool) {
	for _, w := range lexicon {
		if w.word == word {
			return w, true
		}
	}
	return wordSpec{}, false
}

// BuiltinWords returns the sorted names of the built-in ambiguous words.
func BuiltinWords() []string {
	out := make([]string, len(lexicon))
	for i, w := range lexicon {
		out[i] = w.word
	}
	return out
}

// SensesOf returns the two sense names of a built-in word in fixed order,
// or nil when word is not built in.
func SensesOf(word string) []string {
	w, ok := findWord(word)
	if !ok {
		return nil
	}
	return []string{w.senses[0].name, w.senses[1].name}
}
