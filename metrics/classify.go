package metrics

import (
	"fmt"
	"math"
	"slices"
)

// tieTol is how close two cosines must be to count as a tie when a
// classifier picks the most similar neighbour or centroid. Means and sums
// computed in a different order can differ in the last bits; without a
// tolerance, such rounding noise rather than the documented tie rule would
// decide between vectors that are really identical.
const tieTol = 1e-12

// KNNAccuracy is the leave-one-out accuracy of a 1-nearest-neighbour
// classifier: each occurrence takes the sense of the most similar (by
// cosine) other occurrence, and we count how often that is right. It asks
// whether occurrences of the same sense sit next to each other. Ties go to
// the lowest index, so with a static embedding every occurrence copies
// occurrence 0 (or 1, for occurrence 0) and the score is roughly the share
// of occurrence 0's sense.
//
// It returns an error for fewer than two vectors or mismatched input.
func KNNAccuracy(vecs [][]float64, senses []int) (float64, error) {
	if _, err := checkLabelled(vecs, senses, 2); err != nil {
		return 0, err
	}
	correct := 0
	for i := range vecs {
		best, bestCos := -1, math.Inf(-1)
		for j := range vecs {
			if j == i {
				continue
			}
			if c := Cosine(vecs[i], vecs[j]); c > bestCos+tieTol {
				best, bestCos = j, c
			}
		}
		if senses[best] == senses[i] {
			correct++
		}
	}
	return float64(correct) / float64(len(vecs)), nil
}

// CentroidAccuracy trains the simplest possible classifier and tests it on
// held-out occurrences. Training computes one centroid (mean vector) per
// sense from trainVecs; each test vector then gets the sense of the
// centroid with the highest cosine, ties going to the lowest sense id. The
// result is the share of test vectors labelled correctly, to be compared
// with Majority(testSenses).
//
// With a static embedding all centroids equal the one shared vector, every
// test vector ties, and every one gets the lowest sense id: the score is
// that sense's share of the test set, never better than the majority
// baseline. A test sense absent from training can never be predicted.
//
// It returns an error for empty or mismatched input.
func CentroidAccuracy(trainVecs [][]float64, trainSenses []int, testVecs [][]float64, testSenses []int) (float64, error) {
	d, err := checkLabelled(trainVecs, trainSenses, 1)
	if err != nil {
		return 0, fmt.Errorf("training set: %w", err)
	}
	dt, err := checkLabelled(testVecs, testSenses, 1)
	if err != nil {
		return 0, fmt.Errorf("test set: %w", err)
	}
	if d != dt {
		return 0, fmt.Errorf("%w: training vectors have dimension %d, test vectors %d", ErrMismatch, d, dt)
	}

	sums := make(map[int][]float64)
	counts := make(map[int]int)
	for i, v := range trainVecs {
		s, ok := sums[trainSenses[i]]
		if !ok {
			s = make([]float64, d)
			sums[trainSenses[i]] = s
		}
		for k, x := range v {
			s[k] += x
		}
		counts[trainSenses[i]]++
	}
	ids := make([]int, 0, len(sums))
	for id := range sums {
		ids = append(ids, id)
	}
	slices.Sort(ids) // ascending, so the first of tied centroids is the lowest id
	centroids := make([][]float64, len(ids))
	for i, id := range ids {
		c := sums[id]
		for k := range c {
			c[k] /= float64(counts[id])
		}
		centroids[i] = c
	}

	correct := 0
	for i, v := range testVecs {
		best, bestCos := 0, math.Inf(-1)
		for ci, c := range centroids {
			if cs := Cosine(v, c); cs > bestCos+tieTol {
				best, bestCos = ci, cs
			}
		}
		if ids[best] == testSenses[i] {
			correct++
		}
	}
	return float64(correct) / float64(len(testVecs)), nil
}
