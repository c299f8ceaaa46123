package metrics

import (
	"errors"
	"math"
	"testing"
)

// meanOf returns a bootstrap statistic: the mean of xs over the resampled
// indices.
func meanOf(xs []float64) func([]int) (float64, error) {
	return func(idx []int) (float64, error) {
		var s float64
		for _, i := range idx {
			s += xs[i]
		}
		return s / float64(len(idx)), nil
	}
}

func TestBootstrap(t *testing.T) {
	data := []float64{2.1, 3.5, 1.2, 4.8, 3.3, 2.9, 3.0, 4.1, 1.9, 2.6, 3.8, 2.2}
	full, _ := meanOf(data)(identityIdx(len(data)))

	tests := []struct {
		name string
		stat func([]int) (float64, error)
		// check inspects the interval.
		check func(lo, hi float64) bool
	}{
		{"mean covers full-sample mean", meanOf(data), func(lo, hi float64) bool {
			return lo < full && full < hi && hi-lo < 3
		}},
		{"constant", func([]int) (float64, error) { return 0.42, nil }, func(lo, hi float64) bool {
			return lo == 0.42 && hi == 0.42
		}},
		{"some resamples fail", func(idx []int) (float64, error) {
			if idx[0]%2 == 0 {
				return 0, ErrNoPairs
			}
			return 1, nil
		}, func(lo, hi float64) bool { return lo == 1 && hi == 1 }},
	}
	for _, tt := range tests {
		lo, hi, err := Bootstrap(len(data), 500, 7, tt.stat)
		if err != nil || !tt.check(lo, hi) {
			t.Errorf("%s: Bootstrap = [%v, %v], %v", tt.name, lo, hi, err)
		}
	}
}

func TestBootstrapDeterministic(t *testing.T) {
	data := []float64{0.3, 0.9, 0.1, 0.7, 0.5, 0.2, 0.8}
	lo1, hi1, err1 := Bootstrap(len(data), 200, 11, meanOf(data))
	lo2, hi2, err2 := Bootstrap(len(data), 200, 11, meanOf(data))
	if err1 != nil || err2 != nil || lo1 != lo2 || hi1 != hi2 {
		t.Errorf("same seed gave [%v, %v] (%v) and [%v, %v] (%v)", lo1, hi1, err1, lo2, hi2, err2)
	}
	lo3, hi3, _ := Bootstrap(len(data), 200, 12, meanOf(data))
	if lo3 == lo1 && hi3 == hi1 {
		t.Errorf("seeds 11 and 12 gave the same interval [%v, %v]; the seed is ignored", lo1, hi1)
	}
}

// TestBootstrapPairAUC runs the intended use: an interval for PairAUC on
// perfectly separated vectors is [1, 1] (resamples with one sense are
// skipped), and on a static embedding it is [0.5, 0.5].
func TestBootstrapPairAUC(t *testing.T) {
	tests := []struct {
		name   string
		vecs   [][]float64
		senses []int
		want   float64
	}{
		{"separated", separated, separatedSenses, 1},
		{"static", identical, []int{0, 1, 0, 1}, 0.5},
	}
	for _, tt := range tests {
		stat := func(idx []int) (float64, error) {
			v := make([][]float64, len(idx))
			s := make([]int, len(idx))
			for k, i := range idx {
				v[k], s[k] = tt.vecs[i], tt.senses[i]
			}
			return PairAUC(v, s)
		}
		lo, hi, err := Bootstrap(len(tt.vecs), 300, 3, stat)
		if err != nil || lo != tt.want || hi != tt.want {
			t.Errorf("%s: Bootstrap PairAUC = [%v, %v], %v; want [%v, %v]", tt.name, lo, hi, err, tt.want, tt.want)
		}
	}
}

func TestBootstrapErrors(t *testing.T) {
	ok := func([]int) (float64, error) { return 1, nil }
	tests := []struct {
		name    string
		n, reps int
		stat    func([]int) (float64, error)
		want    error // nil: only check that some error is returned
	}{
		{"no items", 0, 10, ok, ErrEmpty},
		{"no resamples", 5, 0, ok, ErrEmpty},
		{"nil stat", 5, 10, nil, nil},
		{"always fails", 5, 10, func([]int) (float64, error) { return 0, ErrNoPairs }, ErrNoPairs},
		{"always NaN", 5, 10, func([]int) (float64, error) { return math.NaN(), nil }, ErrNotFinite},
	}
	for _, tt := range tests {
		_, _, err := Bootstrap(tt.n, tt.reps, 1, tt.stat)
		if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
			t.Errorf("%s: error = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestQuantile(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5}
	tests := []struct{ p, want float64 }{
		{0, 1}, {1, 5}, {0.5, 3}, {0.25, 2}, {0.1, 1.4}, {0.975, 4.9},
	}
	for _, tt := range tests {
		if got := quantile(xs, tt.p); !near(got, tt.want, eps) {
			t.Errorf("quantile(%v) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func identityIdx(n int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return idx
}
