package data

import "strings"

// Forms returns the forms a target word matches, singular first: the word
// itself and its plural ("crane", "cranes"). A built-in word's plural is
// written in its lexicon entry ("mouse", "mice"), and the plural of a
// built-in word gives the same two forms; any other word's plural follows
// the regular English rules (Plural). word is a token as Tokenize writes it.
func Forms(word string) []string {
	for _, w := range lexicon {
		if word == w.word || word == w.plural {
			return []string{w.word, w.plural}
		}
	}
	return []string{word, Plural(word)}
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

// countTargets counts the tokens of toks that are one of forms.
func countTargets(toks, forms []string) int {
	n := 0
	for _, t := range toks {
		for _, f := range forms {
			if t == f {
				n++
			}
		}
	}
	return n
}
