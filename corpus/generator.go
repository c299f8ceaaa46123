package corpus

import (
	"fmt"
	"slices"
	"strings"

	"github.com/attendlab/attend/data"
)

// startRule is the rule every sentence is expanded from (grammar/patterns.txt);
// coreRule holds the patterns.
const (
	startRule = "sentence"
	coreRule  = "core"
)

// senseGrammar compiles the grammar of one sense of w: the shared rules,
// the sense's rules (which may override a shared one, such as the target
// phrase "t"), the other sense's rules under "other.", and the patterns.
func senseGrammar(t *text, w wordSpec, i int) (grammar, error) {
	g := make(grammar)
	if err := g.compileRules(t.shared, ""); err != nil {
		return nil, err
	}
	if err := g.compileRules(w.senses[i].rules, ""); err != nil {
		return nil, fmt.Errorf("%s:%s: %w", w.word, w.senses[i].name, err)
	}
	if err := g.compileRules(w.senses[1-i].rules, otherPrefix); err != nil {
		return nil, fmt.Errorf("%s:%s: %w", w.word, w.senses[1-i].name, err)
	}
	for _, p := range t.patterns {
		alt, err := compileAlt(p)
		if err != nil {
			return nil, fmt.Errorf("%s:%s: pattern: %w", w.word, w.senses[i].name, err)
		}
		g[coreRule] = append(g[coreRule], alt)
	}
	if err := g.check(); err != nil {
		return nil, fmt.Errorf("%s:%s: %w", w.word, w.senses[i].name, err)
	}
	return g, nil
}

// trainingDecks returns a deck for each shared rule that no sense of specs
// redefines: its alternatives are the same in every sense's grammar, so one
// deck can serve them all (see drawer). All but the sentence frame's return
// their cards on undo: a frame that made the sentence too long moves on.
func trainingDecks(t *text, specs []wordSpec) map[string]*deck {
	returning := make(map[string]bool)
	for name := range t.shared {
		returning[name] = name != startRule
	}
	own := make(map[string]bool)
	for _, w := range specs {
		for _, s := range w.senses {
			for name := range s.rules {
				own[name] = true
			}
		}
	}
	var out []string
	for name := range t.shared {
		if !own[name] {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return newDecks(out, returning)
}

// generator writes sentences for one sense of one word.
type generator struct {
	draw    *drawer // shared by the generators of one split
	word    string
	label   string
	g       grammar         // already restricted to the allowed words
	exclude map[string]bool // joined token strings already produced; fill adds to it
	known   map[string]bool // when non-nil, the only words a sentence may use
	taken   int             // sentences of this sense already in exclude
}

// maxMisses bounds how many unusable draws in a row (repeats, or sentences
// outside the length bounds) fill tolerates before concluding that the
// sense has run out of new sentences.
const maxMisses = 10000

// fill produces n new sentences, or an error when the sense cannot supply
// that many distinct ones: either the grammar cannot possibly produce n,
// or maxMisses draws in a row were unusable.
func (g *generator) fill(n int) ([]data.Sentence, error) {
	if len(g.g[coreRule]) == 0 {
		return nil, fmt.Errorf("%s: %w", g.label, errNoTemplate)
	}
	if c := g.g.capacity(startRule, map[string]int{}) - g.taken; n > c {
		return nil, fmt.Errorf("%s: want %d new distinct sentences, the grammar allows at most %d", g.label, n, max(c, 0))
	}
	out := make([]data.Sentence, 0, n)
	buf := make([]string, 0, 2*maxSentenceLen)
	for misses := 0; len(out) < n; {
		if misses == maxMisses {
			return nil, fmt.Errorf("%s: only %d of %d distinct sentences after %d unusable draws in a row",
				g.label, len(out), n, maxMisses)
		}
		toks := g.g.expand(g.draw, startRule, [2]string{g.word, data.Forms(g.word)[1]}, buf[:0])
		if len(toks) < minSentenceLen || len(toks) > maxSentenceLen {
			misses++
			g.draw.undo()
			continue
		}
		fixArticles(toks)
		if g.known != nil && !allKnown(toks, g.known) {
			misses++ // an article fixed to "an" that training never used
			g.draw.undo()
			continue
		}
		key := strings.Join(toks, " ")
		if g.exclude[key] {
			misses++
			g.draw.undo()
			continue
		}
		misses = 0
		g.draw.keep()
		pos := data.FindTarget(toks, g.word)
		if countTargets(toks, data.Forms(g.word)) != 1 {
			return nil, fmt.Errorf("%s: %q must contain %q (or its plural) exactly once", g.label, key, g.word)
		}
		g.exclude[key] = true
		toks = slices.Clone(toks)
		out = append(out, data.Sentence{Text: key, Tokens: toks, Word: g.word, Pos: pos, Sense: g.label[len(g.word)+1:]})
	}
	return out, nil
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
