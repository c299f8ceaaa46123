package corpus

import "strings"

// verbRules turns a verb table into five rules, one per form: PREFIX_base
// (go), PREFIX_s (goes), PREFIX_past (went), PREFIX_pp (gone) and
// PREFIX_ing (going). A line is the five forms, a colon and the phrases
// that may follow the verb, separated by "|" ("" for none):
//
//	"go goes went gone going : to {place} | home"
//
// A form rule has one alternative per verb, and what follows is a rule of
// its own (PREFIX_after_go_went), so that a verb's chance does not grow
// with the number of its phrases.
func verbRules(prefix string, table []string) rules {
	forms := []string{"base", "s", "past", "pp", "ing"}
	alts := make([][]string, len(forms))
	out := make(rules, len(forms)+len(table))
	for _, line := range table {
		head, tail, _ := strings.Cut(line, ":")
		verb := strings.Fields(head)
		if len(verb) != len(forms) {
			// A table is source text; the grammar check reports it as a
			// slot without a rule.
			for f := range forms {
				alts[f] = append(alts[f], "{bad verb line "+line+"}")
			}
			continue
		}
		after := prefix + "_after_" + verb[0] + "_" + verb[2]
		out[after] = tail
		for f := range forms {
			alts[f] = append(alts[f], verb[f]+" {"+after+"}")
		}
	}
	for f, name := range forms {
		out[prefix+"_"+name] = strings.Join(alts[f], " | ")
	}
	return out
}
