package data

import (
	"strings"
	"unicode"
)

// Tokenize lower-cases s and splits it into maximal runs of Unicode letters
// or digits; every other rune (space, punctuation, symbols) only separates
// tokens. The rule is deliberately simple and language-agnostic so that the
// built-in corpus, user files and the vocabulary all agree on what a word
// is: "River's bank, 2024!" becomes [river s bank 2024] and accents are kept.
// It returns nil when s holds no letters or digits.
func Tokenize(s string) []string {
	var toks []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			cur.WriteRune(unicode.ToLower(r))
			continue
		}
		flush()
	}
	flush()
	return toks
}
