package inspect

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/attendlab/attend/eval"
)

// TestPairTable checks the weighted shortcut against eval's metrics on the
// resampled vectors themselves, for the original sample, a resample with
// repeats, and vectors with tied cosines.
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
			wantAUC, err := eval.PairAUC(vecs, senses)
			if err != nil {
				t.Fatal(err)
			}
			wantGap, err := eval.SenseGap(vecs, senses)
			if err != nil {
				t.Fatal(err)
			}
			auc, gap, err := newPairTable(tt.vecs, tt.senses).stats(counts(idx, len(tt.vecs)))
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(auc-wantAUC) > 1e-12 || math.Abs(gap-wantGap) > 1e-12 {
				t.Errorf("auc, gap = %v, %v; eval gives %v, %v", auc, gap, wantAUC, wantGap)
			}
		})
	}
}

func TestPairTableOneSided(t *testing.T) {
	vecs := [][]float64{{1, 0}, {0, 1}, {1, 1}}
	_, _, err := newPairTable(vecs, []int{0, 0, 1}).stats([]int{2, 1, 0})
	if err == nil {
		t.Error("a resample of one sense gave no error")
	}
}
