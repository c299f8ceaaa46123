package corpus

import (
	"fmt"
	"slices"
	"strings"

	"github.com/attendlab/attend/data"
)

// The built-in corpus is written by a small phrase grammar. A rule is a name
// and its alternatives separated by "|", as the data files write it (see
// README.md):
//
//	adj: muddy | grassy | steep
//
// An alternative is words and {slots}; a slot expands to one alternative of
// the rule it names, chosen at random, and may name further slots. {W} is
// the ambiguous word itself, {Wp} its plural. An empty alternative makes a slot optional.
// The shared rules (grammar/*.txt) give every sense the same subjects, times,
// places and side clauses, and the shared patterns (grammar/patterns.txt) give
// both senses of a word the same sentence shapes; a sense (lexicon/*.txt) only
// fills in the slots that carry its meaning. "other.NAME" names the rule
// NAME of the word's other sense, so a sentence can mention the other
// sense's world in a clause that does not touch the target.

// rules maps a rule name to its alternatives in the "a | b | c" notation.
type rules map[string]string

// slotTarget is the slot of the ambiguous word, slotPlural of its plural.
const (
	slotTarget = "W"
	slotPlural = "Wp"
)

// isTarget reports whether slot is the ambiguous word in either form.
func isTarget(slot string) bool { return slot == slotTarget || slot == slotPlural }

// otherPrefix marks a slot that names a rule of the other sense.
const otherPrefix = "other."

// part is a piece of a compiled alternative: literal tokens or a slot.
type part struct {
	toks []string // literal tokens (when slot is "")
	slot string
}

// grammar is a compiled rule set: rule name to alternatives.
type grammar map[string][][]part

// compileRules parses every alternative of rs into g under prefix+name,
// replacing rules of the same name. Slots naming a rule of rs get the
// prefix too, so a prefixed rule set keeps referring to itself.
func (g grammar) compileRules(rs rules, prefix string) error {
	for name, text := range rs {
		var alts [][]part
		for _, alt := range strings.Split(text, "|") {
			parts, err := compileAlt(alt)
			if err != nil {
				return fmt.Errorf("rule %s: %w", name, err)
			}
			for i, p := range parts {
				if _, own := rs[p.slot]; own {
					parts[i].slot = prefix + p.slot
				}
			}
			alts = append(alts, parts)
		}
		g[prefix+name] = alts
	}
	return nil
}

// compileAlt splits "walked along {t} {tp}" into literal and slot parts.
func compileAlt(alt string) ([]part, error) {
	var parts []part
	for rest := alt; ; {
		open := strings.IndexByte(rest, '{')
		lit := rest
		if open >= 0 {
			lit = rest[:open]
		}
		if strings.ContainsAny(lit, "{}") {
			return nil, fmt.Errorf("%q: unbalanced braces", alt)
		}
		if toks := data.Tokenize(lit); len(toks) > 0 {
			parts = append(parts, part{toks: toks})
		}
		if open < 0 {
			return parts, nil
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return nil, fmt.Errorf("%q: unbalanced braces", alt)
		}
		parts = append(parts, part{slot: rest[open+1 : open+end]})
		rest = rest[open+end+1:]
	}
}

// check reports slots that name no rule and rules that (through their
// slots) refer back to themselves.
func (g grammar) check() error {
	state := make(map[string]int) // 1 visiting, 2 done
	var visit func(name string) error
	visit = func(name string) error {
		switch state[name] {
		case 1:
			return fmt.Errorf("rule %s refers to itself", name)
		case 2:
			return nil
		}
		state[name] = 1
		for _, alt := range g[name] {
			for _, p := range alt {
				if p.slot == "" || isTarget(p.slot) {
					continue
				}
				if _, ok := g[p.slot]; !ok {
					return fmt.Errorf("rule %s: slot {%s} names no rule", name, p.slot)
				}
				if err := visit(p.slot); err != nil {
					return err
				}
			}
		}
		state[name] = 2
		return nil
	}
	for name := range g {
		if err := visit(name); err != nil {
			return err
		}
	}
	return nil
}

// restrict returns the grammar that only writes words in known (itself when
// known is nil) and the target only in the singular: alternatives with an
// unknown word or {Wp}, or with a slot whose rule has no alternative left,
// are dropped. The held-out split is written with it, so the static
// embedding is one vector for every occurrence there, as in the report.
func (g grammar) restrict(known map[string]bool) grammar {
	if known == nil {
		return g
	}
	out := make(grammar, len(g))
	for name, alts := range g {
		for _, alt := range alts {
			if literalsKnown(alt, known) && !slices.ContainsFunc(alt, func(p part) bool { return p.slot == slotPlural }) {
				out[name] = append(out[name], alt)
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for name, alts := range out {
			kept := alts[:0:0]
			for _, alt := range alts {
				if slotsFilled(alt, out) {
					kept = append(kept, alt)
				}
			}
			if len(kept) != len(alts) {
				out[name], changed = kept, true
			}
		}
	}
	return out
}

func literalsKnown(alt []part, known map[string]bool) bool {
	for _, p := range alt {
		if !allKnown(p.toks, known) {
			return false
		}
	}
	return true
}

func slotsFilled(alt []part, g grammar) bool {
	for _, p := range alt {
		if p.slot != "" && !isTarget(p.slot) && len(g[p.slot]) == 0 {
			return false
		}
	}
	return true
}

func allKnown(toks []string, known map[string]bool) bool {
	for _, t := range toks {
		if !known[t] {
			return false
		}
	}
	return true
}

// capacity bounds the number of distinct expansions of rule name,
// saturating at a large value instead of overflowing.
func (g grammar) capacity(name string, memo map[string]int) int {
	const huge = 1 << 40
	if n, ok := memo[name]; ok {
		return n
	}
	total := 0
	for _, alt := range g[name] {
		n := 1
		for _, p := range alt {
			if p.slot != "" && !isTarget(p.slot) {
				c := g.capacity(p.slot, memo)
				if c != 0 && n > huge/c {
					n = huge
				} else {
					n = min(n*c, huge)
				}
			}
		}
		total = min(total+n, huge)
	}
	memo[name] = total
	return total
}

// expand appends one expansion of rule name, drawn by d, to out; forms
// are the target word and its plural.
func (g grammar) expand(d *drawer, name string, forms [2]string, out []string) []string {
	alts := g[name]
	for _, p := range alts[d.pick(name, len(alts))] {
		switch p.slot {
		case "":
			out = append(out, p.toks...)
		case slotTarget:
			out = append(out, forms[0])
		case slotPlural:
			out = append(out, forms[1])
		default:
			out = g.expand(d, p.slot, forms, out)
		}
	}
	return out
}

// fixArticles turns "a" into "an" before a vowel sound, so rules can write
// "a {adj} {W}" whatever the adjective.
func fixArticles(toks []string) {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i] == "a" && startsWithVowelSound(toks[i+1]) {
			toks[i] = "an"
		}
	}
}

func startsWithVowelSound(w string) bool {
	if w == "" || !strings.ContainsRune("aeiou", rune(w[0])) {
		return strings.HasPrefix(w, "hour") || strings.HasPrefix(w, "honest")
	}
	for _, p := range []string{"one", "once", "use", "usu", "uni", "euro"} {
		if strings.HasPrefix(w, p) {
			return false
		}
	}
	return true
}
