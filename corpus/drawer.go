package corpus

import "math/rand/v2"

// drawer picks the alternative of a rule: at random, or, for a rule with a
// deck, from a shuffled deck of all its alternatives, so that each comes up
// once before any comes up twice. Decks are what put every word of a long
// list (words.txt) into a training split of a few thousand sentences. The
// cards a sentence drew from a returning deck go back when the sentence is
// not used (undo), so that rejected sentences cost no listed word its turn;
// the other decks move on, so a sentence that was too long is not drawn
// again.
type drawer struct {
	rng   *rand.Rand
	decks map[string]*deck // nil: every rule at random
	drawn []deckMark       // deck states before the draws since the last keep
}

// deck is the remaining order of one rule's alternatives.
type deck struct {
	order   []int
	next    int
	returns bool // undo puts its cards back
}

// deckMark is a deck's state before a draw.
type deckMark struct {
	d     *deck
	order []int
	next  int
}

// newDecks returns empty decks for the named rules; those in returning
// take their cards back on undo.
func newDecks(names []string, returning map[string]bool) map[string]*deck {
	out := make(map[string]*deck, len(names))
	for _, n := range names {
		out[n] = &deck{returns: returning[n]}
	}
	return out
}

// pick returns the index of the alternative to use among n of rule name.
func (d *drawer) pick(name string, n int) int {
	dk := d.decks[name]
	if dk == nil {
		return d.rng.IntN(n)
	}
	if dk.returns {
		d.drawn = append(d.drawn, deckMark{dk, dk.order, dk.next})
	}
	if dk.next == len(dk.order) || len(dk.order) != n {
		dk.order, dk.next = d.rng.Perm(n), 0
	}
	dk.next++
	return dk.order[dk.next-1]
}

// keep makes the draws since the last keep or undo final.
func (d *drawer) keep() { d.drawn = d.drawn[:0] }

// undo puts the cards drawn since the last keep back into their decks.
func (d *drawer) undo() {
	for i := len(d.drawn) - 1; i >= 0; i-- {
		m := d.drawn[i]
		m.d.order, m.d.next = m.order, m.next
	}
	d.drawn = d.drawn[:0]
}
