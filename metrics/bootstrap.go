package metrics

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Bootstrap estimates how much a statistic would move if we had drawn a
// different sample of sentences. It draws reps resamples of the n items
// with replacement, evaluates stat on each (stat receives the indices of
// the resampled items, so it can pick the matching vectors and senses),
// and returns the 2.5th and 97.5th percentiles of the results: a 95%
// percentile confidence interval. If the intervals of two representations
// do not overlap, their difference is unlikely to be sampling noise.
//
// A resample on which stat returns an error (for example one that happens
// to contain a single sense, so PairAUC is undefined) is skipped; if every
// resample fails, Bootstrap returns the last error. Note that a resample
// repeats some items, and a repeated occurrence is a pair of identical
// vectors; that is the usual price of the bootstrap on pair statistics.
//
// The resamples depend only on n, reps and seed, so the interval is
// reproducible. The idx slice is reused between calls: stat must not keep
// it.
func Bootstrap(n, reps int, seed uint64, stat func(idx []int) (float64, error)) (lo, hi float64, err error) {
	switch {
	case n <= 0:
		return 0, 0, fmt.Errorf("%w: bootstrap over %d items", ErrEmpty, n)
	case reps <= 0:
		return 0, 0, fmt.Errorf("%w: %d bootstrap resamples", ErrEmpty, reps)
	case stat == nil:
		return 0, 0, errors.New("eval: nil bootstrap statistic")
	}
	// The second PCG word is a fixed odd constant, so a single seed is all
	// a caller needs to reproduce a run.
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	vals := make([]float64, 0, reps)
	idx := make([]int, n)
	var lastErr error
	for range reps {
		for i := range idx {
			idx[i] = rng.IntN(n)
		}
		v, err := stat(idx)
		if err != nil {
			lastErr = err
			continue
		}
		if math.IsNaN(v) {
			lastErr = fmt.Errorf("%w: statistic returned NaN", ErrNotFinite)
			continue
		}
		vals = append(vals, v)
	}
	if len(vals) == 0 {
		return 0, 0, fmt.Errorf("eval: every bootstrap resample failed: %w", lastErr)
	}
	slices.Sort(vals)
	return quantile(vals, 0.025), quantile(vals, 0.975), nil
}

// quantile returns the p-quantile of sorted xs, interpolating linearly
// between the two nearest order statistics.
func quantile(xs []float64, p float64) float64 {
	h := p * float64(len(xs)-1)
	i := int(math.Floor(h))
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	f := h - float64(i)
	if f == 0 {
		return xs[i]
	}
	return xs[i] + f*(xs[i+1]-xs[i])
}
