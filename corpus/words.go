package corpus

import (
	"fmt"
	"strings"

	"github.com/attendlab/attend/data"
)

// wordsFileName names words.txt, the list of everyday English words the
// corpus covers (its header explains the sections), in error messages.
const wordsFileName = fileRoot + "words.txt"

// everydayList is words.txt parsed: the rules its [words] and [verbs]
// sections fill, and every word it lists (for the coverage test).
type everydayList struct {
	rules rules
	words []string
}

// parseWords reads a words file (see words.txt's header).
func parseWords(name, text string) (everydayList, error) {
	out := everydayList{rules: rules{}}
	seen := make(map[string]bool)
	addWord := func(w string) {
		if !seen[w] {
			seen[w] = true
			out.words = append(out.words, w)
		}
	}
	kind, target := "", ""
	verbs := make(map[string][]string) // verb lines by prefix, in file order
	lists := make(map[string][]string) // a words rule's new words, in file order
	var prefixes []string
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			f := strings.Fields(strings.Trim(line, "[]"))
			switch {
			case len(f) == 2 && (f[0] == "words" || f[0] == "verbs"):
				kind, target = f[0], f[1]
			case len(f) == 1 && f[0] == "written":
				kind, target = f[0], ""
			default:
				return everydayList{}, fmt.Errorf("%s:%d: section %q: want [words RULE], [verbs PREFIX] or [written]", name, i+1, line)
			}
			continue
		}
		switch kind {
		case "":
			return everydayList{}, fmt.Errorf("%s:%d: words before the first section", name, i+1)
		case "verbs":
			head, _, ok := strings.Cut(line, ":")
			if forms := strings.Fields(head); !ok || len(forms) != 5 {
				return everydayList{}, fmt.Errorf("%s:%d: verb line %q: want five forms, a colon and what may follow", name, i+1, line)
			}
			if verbs[target] == nil {
				prefixes = append(prefixes, target)
			}
			verbs[target] = append(verbs[target], line)
			for _, w := range data.Tokenize(withoutSlots(line)) {
				addWord(w)
			}
			continue
		}
		for _, w := range strings.Fields(line) {
			if toks := data.Tokenize(w); len(toks) != 1 || toks[0] != w {
				return everydayList{}, fmt.Errorf("%s:%d: %q is not one lower-case token", name, i+1, w)
			}
			if kind == "words" && !seen[w] {
				lists[target] = append(lists[target], w)
			}
			addWord(w)
		}
	}
	for target, ws := range lists {
		out.rules[target] = strings.Join(ws, " | ") // once: += was quadratic in a list's length
	}
	for _, p := range prefixes {
		for k, v := range verbRules(p, verbs[p]) {
			out.rules[k] = v
		}
	}
	return out, nil
}

// withoutSlots drops the {slot} references of a grammar text, keeping its
// literal words.
func withoutSlots(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '{':
			depth++
		case r == '}':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
