package inspect

import (
	"errors"
	"slices"

	"github.com/attendlab/attend/eval"
)

// pairTable holds the cosine of every pair of a word's occurrences, sorted
// once. A bootstrap resample repeats some occurrences and drops others; its
// pairs are the table's pairs, each counted count[i]*count[j] times (and a
// repeated occurrence pairs with its copy, an identical vector, of the same
// sense). Weighting the table by those counts gives exactly the AUC and gap
// that eval.PairAUC and eval.SenseGap would compute on the resampled
// vectors, without recomputing a cosine or sorting again: 200 resamples per
// word and representation then cost milliseconds instead of seconds.
type pairTable struct {
	pairs []scoredPair // i <= j, ascending by cosine
}

type scoredPair struct {
	i, j int
	cos  float64
	same bool // same sense
}

var errOneSided = errors.New("resample has no same-sense or no different-sense pairs")

// newPairTable computes the cosines with eval.Cosine, as the metrics do.
func newPairTable(vecs [][]float64, senses []int) pairTable {
	var t pairTable
	for i := range vecs {
		for j := i; j < len(vecs); j++ {
			t.pairs = append(t.pairs, scoredPair{i, j, eval.Cosine(vecs[i], vecs[j]), senses[i] == senses[j]})
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
	return t
}

// stats returns the AUC (ties count 1/2) and the sense gap of the sample
// in which occurrence i appears count[i] times.
func (t pairTable) stats(count []int) (auc, gap float64, err error) {
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
		return 0, 0, errOneSided
	}
	return u / (wPos * wNeg), sumPos/wPos - sumNeg/wNeg, nil
}

// counts turns a bootstrap resample (indices with repeats) into the number
// of times each of n items was drawn.
func counts(idx []int, n int) []int {
	c := make([]int, n)
	for _, i := range idx {
		c[i]++
	}
	return c
}

// ones is the original sample: every item once.
func ones(n int) []int {
	c := make([]int, n)
	for i := range c {
		c[i] = 1
	}
	return c
}
