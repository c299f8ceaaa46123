package data

import (
	"slices"
	"strings"
)

// Forms returns the forms a target word matches, singular first: the word
// itself and its plural ("crane", "cranes"). The plural of a word gives the
// same two forms when the plural is irregular ("mice": "mouse", "mice");
// otherwise it follows the regular English rules (Plural). word is a token
// as Tokenize writes it.
func Forms(word string) []string {
	for _, f := range irregular {
		if word == f[0] || word == f[1] {
			return []string{f[0], f[1]}
		}
	}
	return []string{word, Plural(word)}
}

// FormsAmong is Forms for a word that may be the regular plural of one of
// words (the words a model has senses for, say): "banks" among "bank" and
// "bat" gives "bank", "banks". Only the words a caller knows can tell a
// plural from a singular ending in s ("bass").
func FormsAmong(word string, words []string) []string {
	for _, w := range words {
		if f := Forms(w); slices.Contains(f, word) {
			return f
		}
	}
	return Forms(word)
}

// irregular are nouns whose plural the rules of Plural do not write. The
// built-in corpus's targets rely on it ("mouse"), so a word a lexicon file
// adds with an irregular plural belongs here.
var irregular = [][2]string{
	{"mouse", "mice"}, {"goose", "geese"}, {"louse", "lice"},
}

// Plural is the regular English plural of a lower-case word: "es" after
// s, x, z, ch and sh, "ies" for a consonant and y, "s" otherwise.
func Plural(word string) string {
	switch {
	case word == "":
		return ""
	case strings.HasSuffix(word, "s"), strings.HasSuffix(word, "x"), strings.HasSuffix(word, "z"),
		strings.HasSuffix(word, "ch"), strings.HasSuffix(word, "sh"):
		return word + "es"
	case len(word) > 1 && word[len(word)-1] == 'y' && !strings.ContainsRune("aeiou", rune(word[len(word)-2])):
		return word[:len(word)-1] + "ies"
	}
	return word + "s"
}

// FindTarget returns the index of the first token of toks that is one of
// word's Forms, or -1.
func FindTarget(toks []string, word string) int {
	forms := Forms(word)
	for i, t := range toks {
		for _, f := range forms {
			if t == f {
				return i
			}
		}
	}
	return -1
}
