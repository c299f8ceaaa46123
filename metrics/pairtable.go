package metrics

import (
	"fmt"
	"slices"
)

// PairTable holds the cosine of every pair of a word's occurrences, sorted
// once, so that PairAUC and SenseGap of many bootstrap resamples cost a
// weighted pass over the table rather than new cosines and a new sort.
//
// A resample repeats some occurrences and drops others; its pairs are the
// table's pairs, pair (i, j) counted count[i]*count[j] times (and a repeated
// occurrence pairs with its copy, an identical vector of the same sense).
// Weighting the table by those counts gives exactly the AUC and gap that
// PairAUC and SenseGap compute on the resampled vectors themselves: 200
// resamples per word and representation then cost milliseconds instead of
// seconds.
type PairTable struct {
	n     int
	pairs []scoredPair // i <= j, ascending by cosine
}

type scoredPair struct {
	i, j int
	cos  float64
	same bool // same sense
}

// NewPairTable computes the cosines of every pair of vecs, including each
// vector with itself (used when a resample repeats it). It returns an error
// for empty or mismatched input, as the pair metrics do.
func NewPairTable(vecs [][]float64, senses []int) (*PairTable, error) {
	if _, err := checkLabelled(vecs, senses, 1); err != nil {
		return nil, err
	}
	t := &PairTable{n: len(vecs)}
	for i := range vecs {
		for j := i; j < len(vecs); j++ {
			t.pairs = append(t.pairs, scoredPair{i, j, Cosine(vecs[i], vecs[j]), senses[i] == senses[j]})
		}
	}
	slices.SortStableFunc(t.pairs, func(a, b scoredPair) int {
		switch {
		case a.cos < b.cos:
			return -1
		case a.cos > b.cos:
			return 1
		}
		return 0
	})
	return t, nil
}

// Stats returns PairAUC (ties count 1/2) and SenseGap of the sample in which
// occurrence i appears count[i] times; Counts turns a Bootstrap resample into
// such counts. It returns an error wrapping ErrNoPairs when the sample has no
// same-sense or no different-sense pairs.
func (t *PairTable) Stats(count []int) (auc, gap float64, err error) {
	if len(count) != t.n {
		return 0, 0, fmt.Errorf("%w: %d counts for %d vectors", ErrMismatch, len(count), t.n)
	}
	var u, below, wPos, wNeg, sumPos, sumNeg float64
	for g := 0; g < len(t.pairs); {
		var gPos, gNeg float64 // weights of this group of equal cosines
		h := g
		for ; h < len(t.pairs) && t.pairs[h].cos == t.pairs[g].cos; h++ {
			p := t.pairs[h]
			w := float64(count[p.i] * count[p.j])
			if p.i == p.j {
				w = float64(count[p.i] * (count[p.i] - 1) / 2)
			}
			if p.same {
				gPos += w
				sumPos += w * p.cos
			} else {
				gNeg += w
				sumNeg += w * p.cos
			}
		}
		u += gPos * (below + gNeg/2) // beats every lower negative, ties half
		below += gNeg
		wPos += gPos
		wNeg += gNeg
		g = h
	}
	if wPos == 0 || wNeg == 0 {
		return 0, 0, fmt.Errorf("%w: the sample has weight %g of same-sense and %g of different-sense pairs", ErrNoPairs, wPos, wNeg)
	}
	return u / (wPos * wNeg), sumPos/wPos - sumNeg/wNeg, nil
}

// Counts turns a bootstrap resample (indices with repeats) into the number
// of times each of n items was drawn.
func Counts(idx []int, n int) []int {
	c := make([]int, n)
	for _, i := range idx {
		c[i]++
	}
	return c
}
