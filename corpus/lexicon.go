package corpus

import "strings"

// senseSpec is one meaning of an ambiguous word: the rules that fill the
// pattern slots (see patterns.go) with words of that meaning, and optional
// patterns of its own.
type senseSpec struct {
	name     string
	rules    rules
	patterns []string
}

// sense builds a senseSpec from its rules and two verb tables: vo with the
// target as object (each frame holds {t}) and vs with the target as subject.
// A vo frame's {t} becomes {tob}, the object phrase that is sometimes plural
// ("walked along the banks"); the subject stays singular, so the verb agrees.
func sense(name string, r rules, vo, vs []string) senseSpec {
	all := rules{}
	obj := make([]string, len(vo))
	for i, line := range vo {
		obj[i] = strings.ReplaceAll(line, "{t}", "{tob}")
	}
	for _, rs := range []rules{r, verbRules("vo", obj), verbRules("vs", vs)} {
		for k, v := range rs {
			all[k] = v
		}
	}
	return senseSpec{name: name, rules: all}
}

// wordSpec is an ambiguous word with its two senses in fixed order.
type wordSpec struct {
	word   string
	plural string // the {Wp} slot; data.FindTarget matches it too
	senses [2]senseSpec
}

// lexicon lists the built-in ambiguous words, sorted by word.
var lexicon = []wordSpec{bankSpec, bassSpec, batSpec, craneSpec, mouseSpec, springSpec}

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
