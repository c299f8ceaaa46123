package corpus

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/attendlab/attend/data"
)

// wordsFile is the list of everyday English words the corpus covers, one
// home for the vocabulary a reader may extend; its header explains the
// sections.
//
//go:embed words.txt
var wordsFile string

// wordsFileName names wordsFile in error messages.
const wordsFileName = "corpus/words.txt"

// everydayList is wordsFile parsed: the rules its [words] and [verbs]
// sections fill, and every word it lists (for the coverage test).
type everydayList struct {
	rules rules
	words []string
}

// parseWords reads a words file (see wordsFile's header).
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
				if out.rules[target] != "" {
					out.rules[target] += " | "
				}
				out.rules[target] += w
			}
			addWord(w)
		}
	}
	for _, p := range prefixes {
		for k, v := range verbRules(p, verbs[p]) {
			out.rules[k] = v
		}
	}
	return out, nil
}

// everyday parses wordsFile once.
var everyday = sync.OnceValues(func() (everydayList, error) {
	return parseWords(wordsFileName, wordsFile)
})

// everydayRules write the words of wordsFile in clauses of their own
// (wclause), which the sentence frame and the side clauses use like any
// other clause: the target word is never in them. Each verb form has
// several clause shapes so that the long verb table comes round often
// enough for every form to reach the training split.
var everydayRules = rules{
	"wclause": `{subj} {nv_past} {wadv} | {subj} {nv_past} and {nv_past} | {subj} never {nv_past} |
		{s3} {nv_s} {wadv} | {s3} {nv_s} and {nv_s} | {s3} always {nv_s} |
		{spl} {nv_base} {th} | {sdont} {nv_base} | {subj} {modal} {nv_base} {wadv} |
		{sbe} {nv_ing} {wadv} | {sbe_past} {nv_ing} and {nv_ing} | {subj} {modal} be {nv_ing} |
		{shave} {nv_pp} {wadv} | {subj} had {nv_pp} and {nv_pp} | {shave} never {nv_pp} |
		{subj} {nv_past} {tp} | {s3} {nv_s} {th} | {spl} often {nv_base} | {sbe_past} {nv_ing} {tp} | {shave} just {nv_pp} |
		the {wnoun} was {wadj} | the {wnoun} looked {wadj} | {poss} {wnoun} is {wadj} | {subj} {see} the {wnoun} | it was a {wadj} {wnoun} |
		{subj} forgot the {wnoun} and the {wnoun} | the {wnoun} is next to the {wnoun} |
		{subj} left {poss} {wnoun} in the {wnoun} | {subj} needed a new {wnoun} | there was a {wnoun} {at} |
		{subj} talked about the {wnoun} and the {wnouns} | {subj} bought some {wnouns} |
		there were {num} {wnouns} {at} | {subj} talked about the {wnouns} {wadv} |
		{subj} asked about the {wnoun} , the {wnoun} and the {wnouns} | the {wnouns} and the {wnouns} were {wadj} |
		{subj} {see} {wnouns} and {wnouns} | nobody cared about the {wnoun} or the {wnoun} |
		we need {wnouns} , {wnouns} and a {wnoun} | the {wnouns} were {wadj} | {subj} never liked {wnouns} |
		{subj} read about {wnouns} and {wnouns} | {subj} counted the {wnouns} | {wnouns} and {wnouns} were everywhere |
		there were no {wnouns} left | {wsay}`,
	// wsay writes the rarer function words of the [written] section.
	"wsay": `nobody else came | somebody else did it | everybody was there | anybody can do it | none of us knew |
		neither of them came | it wasn't enough | that is less than before | at least we tried | whatever you want |
		whoever wins | whenever you like | wherever we go | the one whom we met | the book is mine | the choice is yours |
		the house is hers | the idea was theirs | the car is ours | the others left | we shall see | you ought to rest |
		otherwise we'll be late | instead we stayed home | therefore we left early | nor did we | it cannot be true |
		they went further on | twice per week | it fell onto the floor | half a dozen eggs | zero points | hasn't he | hadn't we | haven't you | it's yours | you did it yourselves`,
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
