package data

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/attendlab/attend/configs"
)

// TestReadmeOwnText pins what README's "Your own text" says about reading
// a user's text to what the code does: the tokenisation example and the
// objective a config without one trains, and the starting values, which
// are the shipped example's.
func TestReadmeOwnText(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	c, err := configs.Parse([]byte("data:\n  corpus: files\n  train_file: t.tsv\n  heldout_file: h.tsv\n"), "own.yaml")
	if err != nil {
		t.Fatal(err)
	}
	own, err := configs.Load("../testdata/owntext/owntext.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tr := own.Train
	tests := []struct{ claim, want string }{
		{`"Dog's bed!" becomes ` + "`" + strings.Join(Tokenize("Dog's bed!"), " ") + "`", "tokenisation"},
		{"A config that does not set `objective` trains `" + string(c.Objective) + "`", "default objective"},
		{fmt.Sprintf("`train.steps: %d`, `train.batch_size: %d`,\n`train.lr: %v`, `train.warmup: %d`, and a smaller model (`model.d_model: %d`, `model.ff: %d`)",
			tr.Steps, tr.BatchSize, tr.LR, tr.Warmup, own.Model.DModel, own.Model.FF), "starting values (the example's)"},
	}
	for _, tt := range tests {
		if !strings.Contains(readme, tt.claim) {
			t.Errorf("README lacks the %s statement %q (or it no longer matches the code)", tt.want, tt.claim)
		}
	}
}

// TestReadmeSD: README says which standard deviation its tables use, the
// sample one (n − 1), and each written set's row agrees with it, recomputed
// from the per-seed means the row lists.
func TestReadmeSD(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.Join(strings.Fields(string(b)), " ")
	if !strings.Contains(readme, "± is the sample standard deviation (divided by n − 1)") {
		t.Fatal("README does not say which standard deviation its tables use")
	}
	for _, set := range []string{"natural.tsv", "second_writer.tsv", "dev.tsv", "misleading_dev.tsv"} {
		row := regexp.MustCompile(`\| ` + regexp.QuoteMeta(set) + ` \(\d+\) \| ([.\d]+) ±([.\d]+) \| ([.\d]+) / ([.\d]+) / ([.\d]+) \|`).FindStringSubmatch(string(b))
		if row == nil {
			t.Errorf("%s: no row with mean ±sd | seed 1 / 2 / 3 in README's table", set)
			continue
		}
		var v [5]float64
		for k := range v {
			if v[k], err = strconv.ParseFloat(row[1+k], 64); err != nil {
				t.Fatal(err)
			}
		}
		if msg := checkMeanSD(v[0], v[1], v[2:]); msg != "" {
			t.Errorf("%s: %s", set, msg)
		}
	}
}

// checkMeanSD says how a table's mean and sd disagree with the values
// they summarise ("" when they agree); the values are rounded to three
// decimals, so each may be off by a little over 0.001.
func checkMeanSD(mean, sd float64, xs []float64) string {
	m := 0.0
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	ss := 0.0
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	want := math.Sqrt(ss / float64(len(xs)-1))
	if math.Abs(mean-m) > 0.0015 || math.Abs(sd-want) > 0.0011 {
		return fmt.Sprintf("table says %.3f ±%.3f; its values %v give %.4f ±%.4f (sample sd, n − 1)", mean, sd, xs, m, want)
	}
	return ""
}

func TestCheckMeanSD(t *testing.T) {
	tests := []struct {
		mean, sd float64
		xs       []float64
		ok       bool
	}{
		{.891, .021, []float64{.915, .874, .885}, true},
		{.891, .017, []float64{.915, .874, .885}, false}, // the population sd
		{.900, .021, []float64{.915, .874, .885}, false}, // a wrong mean
		{1, 0, []float64{1, 1, 1}, true},
	}
	for _, tt := range tests {
		if got := checkMeanSD(tt.mean, tt.sd, tt.xs); (got == "") != tt.ok {
			t.Errorf("checkMeanSD(%v, %v, %v) = %q, want ok=%v", tt.mean, tt.sd, tt.xs, got, tt.ok)
		}
	}
}
