package data

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Slot markers understood by templates; see lexicon.go.
const (
	slotWord   = "{W}"
	slotPerson = "{P}"
	slotTime   = "{T}"
	slotNoun   = "{N}"
	slotVerb   = "{V}"
	slotAdj    = "{A}"
)

// generator writes sentences for one sense of one word.
type generator struct {
	rng     *rand.Rand
	word    string
	sense   *senseSpec
	pools   map[string][]string // shared pools ({P}, {T}), already filtered
	exclude map[string]bool     // joined token strings already produced; fill adds to it
	known   map[string]bool     // when non-nil, the only words a sentence may use
	taken   int                 // sentences of this sense already in exclude
}

// slotPools returns the shared slot pools restricted to fillers whose
// tokens are all in known (no restriction when known is nil).
func slotPools(known map[string]bool) map[string][]string {
	return map[string][]string{
		slotPerson: filterKnown(people, known),
		slotTime:   filterKnown(times, known),
	}
}

func filterKnown(fillers []string, known map[string]bool) []string {
	if known == nil {
		return fillers
	}
	var out []string
	for _, f := range fillers {
		if allKnown(Tokenize(f), known) {
			out = append(out, f)
		}
	}
	return out
}

func allKnown(toks []string, known map[string]bool) bool {
	for _, t := range toks {
		if !known[t] {
			return false
		}
	}
	return true
}

// pool returns the fillers for a slot, or nil for a literal word.
func (g *generator) pool(field string) []string {
	switch field {
	case slotPerson, slotTime:
		return g.pools[field]
	case slotNoun:
		return filterKnown(g.sense.nouns, g.known)
	case slotVerb:
		return filterKnown(g.sense.verbs, g.known)
	case slotAdj:
		return filterKnown(g.sense.adjs, g.known)
	}
	return nil
}

func isSlot(field string) bool {
	return len(field) == 3 && field[0] == '{' && field[2] == '}'
}

// usable returns the templates whose slots all have fillers and whose
// literal words are all allowed.
func (g *generator) usable() [][]string {
	var out [][]string
	for _, t := range g.sense.templates {
		fields := strings.Fields(t)
		ok := true
		for _, f := range fields {
			switch {
			case f == slotWord:
			case isSlot(f):
				ok = ok && len(g.pool(f)) > 0
			case g.known != nil:
				ok = ok && allKnown(Tokenize(f), g.known)
			}
		}
		if ok {
			out = append(out, fields)
		}
	}
	return out
}

// render fills a template. Repeated slots of one kind get different fillers
// when the pool allows, so "{N} and {N}" does not read "ducks and ducks".
func (g *generator) render(fields []string) []string {
	var words []string
	used := make(map[string]bool)
	for _, f := range fields {
		switch {
		case f == slotWord:
			words = append(words, g.word)
		case isSlot(f):
			p := g.pool(f)
			i := g.rng.IntN(len(p))
			for k := 0; k < len(p) && used[f+p[i]]; k++ {
				i = (i + 1) % len(p)
			}
			used[f+p[i]] = true
			words = append(words, p[i])
		default:
			words = append(words, f)
		}
	}
	return Tokenize(strings.Join(words, " "))
}

// maxMisses bounds how many duplicates in a row fill tolerates before
// concluding that the sense has run out of new sentences.
const maxMisses = 10000

// capacity is an upper bound on the distinct sentences the templates can
// produce (saturating at a large value instead of overflowing).
func (g *generator) capacity(templates [][]string) int {
	const huge = 1 << 40
	total := 0
	for _, fields := range templates {
		n := 1
		for _, f := range fields {
			if isSlot(f) && f != slotWord {
				n = min(n*len(g.pool(f)), huge)
			}
		}
		total = min(total+n, huge)
	}
	return total
}

// fill produces n new sentences, or an error when the sense cannot supply
// that many distinct ones: either the templates cannot possibly produce n,
// or maxMisses draws in a row gave sentences already produced.
func (g *generator) fill(n int) ([]Sentence, error) {
	name := g.word + ":" + g.sense.name
	templates := g.usable()
	if len(templates) == 0 {
		return nil, fmt.Errorf("%s: %w", name, errNoTemplate)
	}
	if c := g.capacity(templates) - g.taken; n > c {
		return nil, fmt.Errorf("%s: want %d new distinct sentences, templates allow at most %d", name, n, max(c, 0))
	}
	out := make([]Sentence, 0, n)
	for misses := 0; len(out) < n; {
		if misses == maxMisses {
			return nil, fmt.Errorf("%s: only %d of %d distinct sentences after %d repeats in a row",
				name, len(out), n, maxMisses)
		}
		toks := g.render(templates[g.rng.IntN(len(templates))])
		key := strings.Join(toks, " ")
		if g.exclude[key] {
			misses++
			continue
		}
		misses = 0
		if len(toks) < minSentenceLen || len(toks) > maxSentenceLen {
			return nil, fmt.Errorf("%s: %q has %d tokens, want %d to %d",
				name, key, len(toks), minSentenceLen, maxSentenceLen)
		}
		pos := slices.Index(toks, g.word)
		if pos < 0 || slices.Index(toks[pos+1:], g.word) >= 0 {
			return nil, fmt.Errorf("%s: %q must contain %q exactly once", name, key, g.word)
		}
		g.exclude[key] = true
		out = append(out, Sentence{Text: key, Tokens: toks, Word: g.word, Pos: pos, Sense: g.sense.name})
	}
	return out, nil
}
