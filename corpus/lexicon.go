package corpus

import (
	"fmt"
	"strings"
)

// senseSpec is one meaning of an ambiguous word: the rules that fill the
// pattern slots (see grammar/patterns.txt) with words of that meaning.
type senseSpec struct {
	name  string
	rules rules
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

// wordSpec is an ambiguous word (lexicon/WORD.txt) with its two senses in
// file order. Its plural, the {Wp} slot, is data.Forms's.
type wordSpec struct {
	word   string
	senses [2]senseSpec
}

// findWord returns the spec of a built-in word.
func findWord(lexicon []wordSpec, word string) (wordSpec, bool) {
	for _, w := range lexicon {
		if w.word == word {
			return w, true
		}
	}
	return wordSpec{}, false
}

// BuiltinWords returns the sorted names of the built-in ambiguous words:
// the files of lexicon/.
func BuiltinWords() ([]string, error) {
	t, err := loaded()
	if err != nil {
		return nil, err
	}
	return wordsOf(t.lexicon), nil
}

func wordsOf(lexicon []wordSpec) []string {
	out := make([]string, len(lexicon))
	for i, w := range lexicon {
		out[i] = w.word
	}
	return out
}

// SensesOf returns the two sense names of a built-in word in file order;
// an error when word is not built in.
func SensesOf(word string) ([]string, error) {
	t, err := loaded()
	if err != nil {
		return nil, err
	}
	w, ok := findWord(t.lexicon, word)
	if !ok {
		return nil, fmt.Errorf("unknown word %q (built-in: %s)", word, strings.Join(wordsOf(t.lexicon), ", "))
	}
	return []string{w.senses[0].name, w.senses[1].name}, nil
}
