package metrics

import (
	"errors"
	"fmt"
	"math"
)

// Errors returned for input that no metric can be computed on. They are
// wrapped with details, so test for them with errors.Is.
var (
	// ErrEmpty means a set of vectors or labels has too few elements.
	ErrEmpty = errors.New("eval: empty input")
	// ErrMismatch means two inputs that must line up do not: a different
	// number of vectors and senses, or vectors of different dimension.
	ErrMismatch = errors.New("eval: mismatched input")
	// ErrNoPairs means a pair metric found no same-sense pairs or no
	// different-sense pairs, so there is nothing to compare.
	ErrNoPairs = errors.New("eval: no positive or no negative pairs")
	// ErrNotFinite means a vector holds NaN or ±Inf, usually the sign of a
	// diverged training run; no similarity is meaningful then.
	ErrNotFinite = errors.New("eval: non-finite value")
)

// checkVecs verifies that vecs holds at least min vectors, all of the same
// non-zero dimension with finite entries, and returns that dimension.
func checkVecs(vecs [][]float64, min int) (int, error) {
	if len(vecs) < min {
		return 0, fmt.Errorf("%w: %d vectors, need at least %d", ErrEmpty, len(vecs), min)
	}
	d := len(vecs[0])
	if d == 0 {
		return 0, fmt.Errorf("%w: vectors have dimension 0", ErrEmpty)
	}
	for i, v := range vecs {
		if len(v) != d {
			return 0, fmt.Errorf("%w: vector %d has dimension %d, vector 0 has %d", ErrMismatch, i, len(v), d)
		}
		for k, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return 0, fmt.Errorf("%w: vector %d has %v at position %d", ErrNotFinite, i, x, k)
			}
		}
	}
	return d, nil
}

// checkLabelled verifies a set of vectors with one sense per vector.
func checkLabelled(vecs [][]float64, senses []int, min int) (int, error) {
	if len(vecs) != len(senses) {
		return 0, fmt.Errorf("%w: %d vectors but %d senses", ErrMismatch, len(vecs), len(senses))
	}
	return checkVecs(vecs, min)
}
