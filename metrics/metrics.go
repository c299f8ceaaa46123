package metrics

import (
	"fmt"
	"math"
	"sort"
)

// Cosine returns the cosine of the angle between a and b: 1 for vectors
// pointing the same way, 0 for orthogonal ones, -1 for opposite ones. It
// ignores length, which is what we want when comparing contextual vectors
// whose norms drift from layer to layer.
//
// Cosine returns 0 when either vector has zero norm (a zero vector is
// similar to nothing) and NaN when the lengths differ, since no sensible
// angle exists then; the set-level metrics check dimensions and return an
// error instead.
func Cosine(a, b []float64) float64 {
	if len(a) != len(b) {
		return math.NaN()
	}
	var dot, na, nb float64
	for i := range a {
		dot += a[i] * b[i]
		na += a[i] * a[i]
		nb += b[i] * b[i]
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / (math.Sqrt(na) * math.Sqrt(nb))
}

// pairScores returns the cosine of every unordered pair i<j, split by
// whether the two occurrences share a sense (positives) or not (negatives).
func pairScores(vecs [][]float64, senses []int) (pos, neg []float64, err error) {
	if _, err := checkLabelled(vecs, senses, 2); err != nil {
		return nil, nil, err
	}
	for i := range vecs {
		for j := i + 1; j < len(vecs); j++ {
			c := Cosine(vecs[i], vecs[j])
			if senses[i] == senses[j] {
				pos = append(pos, c)
			} else {
				neg = append(neg, c)
			}
		}
	}
	if len(pos) == 0 || len(neg) == 0 {
		return nil, nil, fmt.Errorf("%w: %d same-sense and %d different-sense pairs", ErrNoPairs, len(pos), len(neg))
	}
	return pos, neg, nil
}

// PairAUC answers: if I pick a random same-sense pair and a random
// different-sense pair of occurrences, how often is the same-sense pair the
// more similar (by cosine)? It is the ROC-AUC of "cosine predicts same
// sense" over all unordered pairs i<j, computed with the Mann-Whitney U
// statistic, ties counting 1/2.
//
// 1 means every same-sense pair is closer than every different-sense pair,
// 0.5 means the vectors carry no sense information, and 0 means the order
// is exactly reversed. A static embedding gives every occurrence the same
// vector, hence every pair the same cosine, hence exactly 0.5.
//
// Ties are exact float equality, as in the textbook statistic. It returns
// an error when there are no same-sense or no different-sense pairs.
func PairAUC(vecs [][]float64, senses []int) (float64, error) {
	pos, neg, err := pairScores(vecs, senses)
	if err != nil {
		return 0, err
	}
	return mannWhitneyAUC(pos, neg), nil
}

// mannWhitneyAUC returns P(pos > neg) + P(pos == neg)/2 by ranking all
// scores together (average ranks for ties), which takes O(m log m) instead
// of comparing every positive with every negative.
func mannWhitneyAUC(pos, neg []float64) float64 {
	type scored struct {
		v   float64
		pos bool
	}
	all := make([]scored, 0, len(pos)+len(neg))
	for _, v := range pos {
		all = append(all, scored{v, true})
	}
	for _, v := range neg {
		all = append(all, scored{v, false})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v < all[j].v })
	var rankSum float64 // sum of 1-based ranks of the positives
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].v == all[i].v {
			j++
		}
		avg := float64(i+1+j) / 2 // mean of ranks i+1..j
		for k := i; k < j; k++ {
			if all[k].pos {
				rankSum += avg
			}
		}
		i = j
	}
	p, n := float64(len(pos)), float64(len(neg))
	return (rankSum - p*(p+1)/2) / (p * n)
}

// SenseGap is the mean cosine of same-sense pairs minus the mean cosine of
// different-sense pairs. Where PairAUC only looks at the order of the
// similarities, the gap says how large the difference is, in cosine units:
// 0 for a static embedding, up to 2 in theory, and around 1 for two senses
// on orthogonal axes. It returns an error when either kind of pair is
// missing.
func SenseGap(vecs [][]float64, senses []int) (float64, error) {
	pos, neg, err := pairScores(vecs, senses)
	if err != nil {
		return 0, err
	}
	return mean(pos) - mean(neg), nil
}

// meanPairCosine is the mean cosine over all unordered pairs of vectors:
// how alike the occurrences are, whatever their sense. It is 1 for a static
// embedding. It returns NaN when there are fewer than two vectors or the
// dimensions differ, because no pair exists to average over.
func meanPairCosine(vecs [][]float64) float64 {
	if _, err := checkVecs(vecs, 2); err != nil {
		return math.NaN()
	}
	var sum float64
	var n int
	for i := range vecs {
		for j := i + 1; j < len(vecs); j++ {
			sum += Cosine(vecs[i], vecs[j])
			n++
		}
	}
	return sum / float64(n)
}

// SelfSimAdjusted is the "self-similarity" of Ethayarajh (2019): the mean
// cosine between the word's occurrences (meanPairCosine) minus a baseline,
// the mean cosine between random tokens of different sentences. The
// baseline matters because the vectors of a trained layer often all lie in
// a narrow cone, so even unrelated tokens have a high cosine; subtracting
// it leaves the similarity that is due to being the same word. A static
// embedding scores 1 minus the baseline; a strongly contextual layer scores
// near 0.
//
// baselinePairs holds the random token pairs. It returns NaN when there are
// fewer than two vectors or no baseline pairs.
func SelfSimAdjusted(vecs [][]float64, baselinePairs [][2][]float64) float64 {
	self := meanPairCosine(vecs)
	if len(baselinePairs) == 0 {
		return math.NaN()
	}
	var base float64
	for _, p := range baselinePairs {
		base += Cosine(p[0], p[1])
	}
	return self - base/float64(len(baselinePairs))
}

// Majority is the share of the most frequent sense: the accuracy of always
// guessing that sense. A classifier that does not beat it has learnt
// nothing about the sense. It returns NaN for no senses.
func Majority(senses []int) float64 {
	if len(senses) == 0 {
		return math.NaN()
	}
	counts := make(map[int]int)
	best := 0
	for _, s := range senses {
		counts[s]++
		best = max(best, counts[s])
	}
	return float64(best) / float64(len(senses))
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
