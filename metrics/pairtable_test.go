package metrics

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// TestPairTable checks the weighted shortcut against PairAUC and SenseGap on
// the resampled vectors themselves, for the original sample, a resample
// with repeats, and vectors with tied cosines.
func TestPairTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	random := make([][]float64, 12)
	for i := range random {
		random[i] = []float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
	}
	tied := [][]float64{{1, 0}, {1, 0}, {0, 1}, {0, 1}, {1, 0}, {1, 1}}
	tests := []struct {
		name   string
		vecs   [][]float64
		senses []int
		idx    []int // the resample; nil = every item once
	}{
		{"original", random, []int{0, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0}, nil},
		{"resample", random, []int{0, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0}, []int{0, 0, 3, 5, 5, 5, 7, 9, 11, 2, 2, 4}},
		{"ties", tied, []int{0, 0, 1, 1, 1, 0}, []int{0, 1, 1, 2, 3, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idx := tt.idx
			if idx == nil {
				for i := range tt.vecs {
					idx = append(idx, i)
				}
			}
			var vecs [][]float64
			var senses []int
			for _, i := range idx {
				vecs, senses = append(vecs, tt.vecs[i]), append(senses, tt.senses[i])
			}
			wantAUC, err := PairAUC(vecs, senses)
			if err != nil {
				t.Fatal(err)
			}
			wantGap, err := SenseGap(vecs, senses)
			if err != nil {
				t.Fatal(err)
			}
			table, err := NewPairTable(tt.vecs, tt.senses)
			if err != nil {
				t.Fatal(err)
			}
			auc, gap, err := table.Stats(Counts(idx, len(tt.vecs)))
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(auc-wantAUC) > 1e-12 || math.Abs(gap-wantGap) > 1e-12 {
				t.Errorf("auc, gap = %v, %v; PairAUC and SenseGap give %v, %v", auc, gap, wantAUC, wantGap)
			}
		})
	}
}

func TestPairTableErrors(t *testing.T) {
	vecs := [][]float64{{1, 0}, {0, 1}, {1, 1}}
	tests := []struct {
		name   string
		vecs   [][]float64
		senses []int
		count  []int
		want   error
	}{
		{"one sense drawn", vecs, []int{0, 0, 1}, []int{2, 1, 0}, ErrNoPairs},
		{"counts do not match", vecs, []int{0, 0, 1}, []int{1, 1}, ErrMismatch},
		{"no vectors", nil, nil, nil, ErrEmpty},
		{"senses do not match", vecs, []int{0, 1}, nil, ErrMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, err := NewPairTable(tt.vecs, tt.senses)
			if err == nil {
				_, _, err = table.Stats(tt.count)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
