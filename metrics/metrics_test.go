package metrics

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

const eps = 1e-12

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// Fixtures with answers that can be worked out by hand.
var (
	// identical is a static embedding: one vector for every occurrence.
	// 0.1, 0.7 and 0.3 are not exact in binary, so means of these rows are not
	// bit-identical to the rows, which exercises the tie tolerance.
	identical = [][]float64{{0.1, 0.7, 0.3}, {0.1, 0.7, 0.3}, {0.1, 0.7, 0.3}, {0.1, 0.7, 0.3}}

	// separated puts sense 0 on the x axis and sense 1 on the y axis:
	// same-sense cosines are 1, different-sense cosines 0.
	separated       = [][]float64{{1, 0}, {2, 0}, {0, 1}, {0, 3}}
	separatedSenses = []int{0, 0, 1, 1}

	// mixed, senses {0, 0, 1, 1}. Pair cosines (1/√2 ≈ 0.707):
	//   same sense:      (0,1) = 0,  (2,3) = 0.707
	//   different sense: (0,2) = 0.707, (0,3) = 1, (1,2) = 0.707, (1,3) = 0
	// AUC compares each of the 2 positives with each of the 4 negatives:
	//   positive 0     vs 0.707, 1, 0.707, 0 -> 0 + 0 + 0 + ½ = 0.5
	//   positive 0.707 vs 0.707, 1, 0.707, 0 -> ½ + 0 + ½ + 1 = 2
	// AUC = 2.5 / 8 = 0.3125.
	// Gap = mean(0, 0.707) - mean(0.707, 1, 0.707, 0)
	//     = 0.35355 - 0.60355 = -0.25 exactly (the 0.707 terms cancel).
	mixed       = [][]float64{{1, 0}, {0, 1}, {1, 1}, {1, 0}}
	mixedSenses = []int{0, 0, 1, 1}

	// reversed: the four vectors form a ring in which each vector has
	// cosine ½ with its two neighbours and 0 with the opposite one, and the
	// opposite ones share a sense. Every same-sense pair (cos 0) is less
	// similar than every different-sense pair (cos ½): AUC 0, gap -½.
	reversed       = [][]float64{{1, 0, 1}, {0, 1, 1}, {-1, 0, 1}, {0, -1, 1}}
	reversedSenses = []int{0, 1, 0, 1}
)

func TestCosine(t *testing.T) {
	tests := []struct {
		name string
		a, b []float64
		want float64
	}{
		{"parallel", []float64{1, 2}, []float64{2, 4}, 1},
		{"orthogonal", []float64{1, 0}, []float64{0, 5}, 0},
		{"opposite", []float64{1, -1}, []float64{-3, 3}, -1},
		{"45 degrees", []float64{1, 0}, []float64{1, 1}, 1 / math.Sqrt2},
		{"zero first", []float64{0, 0}, []float64{1, 1}, 0},
		{"zero second", []float64{1, 1}, []float64{0, 0}, 0},
		{"both zero", []float64{0, 0}, []float64{0, 0}, 0},
	}
	for _, tt := range tests {
		if got := Cosine(tt.a, tt.b); !near(got, tt.want, eps) {
			t.Errorf("%s: Cosine(%v, %v) = %v, want %v", tt.name, tt.a, tt.b, got, tt.want)
		}
	}
	if got := Cosine([]float64{1}, []float64{1, 2}); !math.IsNaN(got) {
		t.Errorf("Cosine of different lengths = %v, want NaN", got)
	}
}

func TestPairMetrics(t *testing.T) {
	tests := []struct {
		name    string
		vecs    [][]float64
		senses  []int
		auc     float64
		gap     float64
		knn     float64
		meanCos float64
	}{
		// A static embedding: AUC exactly ½, gap 0. kNN: ties go to the
		// lowest index, so occurrence 0 copies 1 and all others copy 0;
		// only occurrence 3 (sense 1) is wrong.
		{"identical", identical, []int{0, 0, 0, 1}, 0.5, 0, 0.75, 1},
		// 2 of 6 pairs are same-sense with cosine 1, the rest 0.
		{"separated", separated, separatedSenses, 1, 1, 1, 1.0 / 3},
		// kNN: 0->3 (cos 1, wrong), 1->2 (0.707, wrong), 2->0 (0.707 tie
		// with 1 and 3, lowest index, wrong), 3->0 (wrong).
		{"mixed", mixed, mixedSenses, 0.3125, -0.25, 0, (0 + 1/math.Sqrt2 + 1/math.Sqrt2 + 1 + 1/math.Sqrt2 + 0) / 6},
		// kNN: each vector's nearest are its two neighbours (other sense).
		{"reversed", reversed, reversedSenses, 0, -0.5, 0, (4 * 0.5) / 6},
	}
	for _, tt := range tests {
		auc, err := PairAUC(tt.vecs, tt.senses)
		if err != nil || auc != tt.auc { // AUC is a ratio of small integers: exact
			t.Errorf("%s: PairAUC = %v, %v; want %v", tt.name, auc, err, tt.auc)
		}
		gap, err := SenseGap(tt.vecs, tt.senses)
		if err != nil || !near(gap, tt.gap, eps) {
			t.Errorf("%s: SenseGap = %v, %v; want %v", tt.name, gap, err, tt.gap)
		}
		knn, err := KNNAccuracy(tt.vecs, tt.senses)
		if err != nil || knn != tt.knn {
			t.Errorf("%s: KNNAccuracy = %v, %v; want %v", tt.name, knn, err, tt.knn)
		}
		if got := meanPairCosine(tt.vecs); !near(got, tt.meanCos, eps) {
			t.Errorf("%s: meanPairCosine = %v, want %v", tt.name, got, tt.meanCos)
		}
	}
}

// TestPairAUCBruteForce checks the rank-based AUC against the definition,
// comparing every positive pair with every negative pair, on random data
// with deliberate ties (coarsely rounded coordinates).
func TestPairAUCBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 20 {
		n := 3 + rng.IntN(12)
		vecs := make([][]float64, n)
		senses := make([]int, n)
		for i := range vecs {
			senses[i] = rng.IntN(3)
			vecs[i] = []float64{float64(rng.IntN(3)), float64(rng.IntN(3)), float64(rng.IntN(2))}
		}
		pos, neg, err := pairScores(vecs, senses)
		if err != nil {
			continue // e.g. a single sense drawn
		}
		var u float64
		for _, p := range pos {
			for _, q := range neg {
				switch {
				case p > q:
					u++
				case p == q:
					u += 0.5
				}
			}
		}
		want := u / float64(len(pos)*len(neg))
		got, err := PairAUC(vecs, senses)
		if err != nil || !near(got, want, eps) {
			t.Errorf("trial %d: PairAUC = %v, %v; brute force %v", trial, got, err, want)
		}
	}
}

func TestCentroidAccuracy(t *testing.T) {
	tests := []struct {
		name        string
		trainVecs   [][]float64
		trainSenses []int
		testVecs    [][]float64
		testSenses  []int
		want        float64
	}{
		// Static embedding, sense 0 (lowest id) is also the majority of
		// the test set: score = majority share = 2/3. Sense 0 has one
		// training vector and sense 1 three, so the centroids differ in
		// the last bits (cosines 0.9999999999999998 vs 1); only the tie
		// tolerance keeps sense 1 from winning on rounding noise.
		{"identical majority", identical[:4], []int{1, 0, 1, 1}, identical[:3], []int{0, 0, 1}, 2.0 / 3},
		// Same, but sense 0 is the minority: the tie rule still picks it.
		{"identical minority", identical[:4], []int{1, 0, 1, 1}, identical[:3], []int{1, 1, 0}, 1.0 / 3},
		{"separated", separated, separatedSenses, separated, separatedSenses, 1},
		{"separated held out", separated, separatedSenses, [][]float64{{5, 0.1}, {0.2, 7}, {0, 1}}, []int{0, 1, 1}, 1},
		// A test sense never seen in training cannot be predicted.
		{"unseen sense", separated, separatedSenses, [][]float64{{1, 0}, {1, 0}}, []int{0, 2}, 0.5},
	}
	for _, tt := range tests {
		got, err := CentroidAccuracy(tt.trainVecs, tt.trainSenses, tt.testVecs, tt.testSenses)
		if err != nil || !near(got, tt.want, eps) {
			t.Errorf("%s: CentroidAccuracy = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}

func TestMajority(t *testing.T) {
	tests := []struct {
		senses []int
		want   float64
	}{
		{[]int{0, 0, 1}, 2.0 / 3},
		{[]int{2, 2, 2, 2}, 1},
		{[]int{0, 1, 2, 3}, 0.25},
		{[]int{5, 1, 5, 1, 1}, 0.6},
	}
	for _, tt := range tests {
		if got := Majority(tt.senses); !near(got, tt.want, eps) {
			t.Errorf("Majority(%v) = %v, want %v", tt.senses, got, tt.want)
		}
	}
	if got := Majority(nil); !math.IsNaN(got) {
		t.Errorf("Majority(nil) = %v, want NaN", got)
	}
}

func TestSelfSimAdjusted(t *testing.T) {
	// Baseline: one orthogonal pair (cos 0) and one parallel pair (cos 1),
	// mean 0.5.
	half := [][2][]float64{{{1, 0}, {0, 1}}, {{1, 0}, {2, 0}}}
	// Baseline 0: random tokens are orthogonal.
	zero := [][2][]float64{{{1, 0}, {0, 1}}}
	tests := []struct {
		name string
		vecs [][]float64
		base [][2][]float64
		want float64
	}{
		{"static, baseline 0.5", identical, half, 1 - 0.5},
		{"static, baseline 0", identical, zero, 1},
		{"separated, baseline 0.5", separated, half, 1.0/3 - 0.5},
		{"reversed, baseline 0", reversed, zero, 1.0 / 3},
	}
	for _, tt := range tests {
		if got := SelfSimAdjusted(tt.vecs, tt.base); !near(got, tt.want, eps) {
			t.Errorf("%s: SelfSimAdjusted = %v, want %v", tt.name, got, tt.want)
		}
	}
	for name, got := range map[string]float64{
		"no baseline":      SelfSimAdjusted(separated, nil),
		"one vector":       SelfSimAdjusted(separated[:1], half),
		"mean of one":      meanPairCosine(separated[:1]),
		"mean of mismatch": meanPairCosine([][]float64{{1, 0}, {1}}),
	} {
		if !math.IsNaN(got) {
			t.Errorf("%s = %v, want NaN", name, got)
		}
	}
}

func TestMetricErrors(t *testing.T) {
	tests := []struct {
		name   string
		vecs   [][]float64
		senses []int
		want   error
	}{
		{"empty", nil, nil, ErrEmpty},
		{"one vector", [][]float64{{1}}, []int{0}, ErrEmpty},
		{"zero dimension", [][]float64{{}, {}}, []int{0, 1}, ErrEmpty},
		{"length mismatch", separated, []int{0, 1}, ErrMismatch},
		{"ragged", [][]float64{{1, 0}, {1}}, []int{0, 1}, ErrMismatch},
		{"NaN", [][]float64{{1, 0}, {math.NaN(), 1}}, []int{0, 1}, ErrNotFinite},
		{"Inf", [][]float64{{1, math.Inf(1)}, {0, 1}}, []int{0, 1}, ErrNotFinite},
	}
	for _, tt := range tests {
		if _, err := PairAUC(tt.vecs, tt.senses); !errors.Is(err, tt.want) {
			t.Errorf("%s: PairAUC error = %v, want %v", tt.name, err, tt.want)
		}
		if _, err := SenseGap(tt.vecs, tt.senses); !errors.Is(err, tt.want) {
			t.Errorf("%s: SenseGap error = %v, want %v", tt.name, err, tt.want)
		}
		if _, err := KNNAccuracy(tt.vecs, tt.senses); !errors.Is(err, tt.want) {
			t.Errorf("%s: KNNAccuracy error = %v, want %v", tt.name, err, tt.want)
		}
	}

	// Pair metrics need both kinds of pair.
	for name, senses := range map[string][]int{
		"one sense":     {0, 0, 0, 0},
		"all different": {0, 1, 2, 3},
	} {
		if _, err := PairAUC(separated, senses); !errors.Is(err, ErrNoPairs) {
			t.Errorf("%s: PairAUC error = %v, want ErrNoPairs", name, err)
		}
		if _, err := SenseGap(separated, senses); !errors.Is(err, ErrNoPairs) {
			t.Errorf("%s: SenseGap error = %v, want ErrNoPairs", name, err)
		}
	}
}

func TestCentroidAccuracyErrors(t *testing.T) {
	tests := []struct {
		name        string
		trainVecs   [][]float64
		trainSenses []int
		testVecs    [][]float64
		testSenses  []int
		want        error
	}{
		{"empty train", nil, nil, separated, separatedSenses, ErrEmpty},
		{"empty test", separated, separatedSenses, nil, nil, ErrEmpty},
		{"train mismatch", separated, []int{0}, separated, separatedSenses, ErrMismatch},
		{"test mismatch", separated, separatedSenses, separated, []int{0, 1, 1}, ErrMismatch},
		{"dimension mismatch", separated, separatedSenses, reversed, reversedSenses, ErrMismatch},
	}
	for _, tt := range tests {
		if _, err := CentroidAccuracy(tt.trainVecs, tt.trainSenses, tt.testVecs, tt.testSenses); !errors.Is(err, tt.want) {
			t.Errorf("%s: error = %v, want %v", tt.name, err, tt.want)
		}
	}
}
