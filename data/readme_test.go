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

// TestReadmeSD: README says which standard deviation its tables use, and
// the six-word rows agree with it, recomputed from the per-seed means it
// lists.
func TestReadmeSD(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.Join(strings.Fields(string(b)), " ")
	if !strings.Contains(readme, "± is the population standard deviation (divided by n = 3, not by n − 1") {
		t.Fatal("README does not say which standard deviation its tables use")
	}
	m := regexp.MustCompile(`Per seed, six-word mean AUC: natural ([.\d]+), ([.\d]+), ([.\d]+); second writer ([.\d]+), ([.\d]+), ([.\d]+); dev ([.\d]+), ([.\d]+), ([.\d]+)\.`).FindStringSubmatch(readme)
	if m == nil {
		t.Fatal("README's per-seed means not found")
	}
	for i, set := range []string{"natural.tsv", "second_writer.tsv", "dev.tsv"} {
		var x [3]float64
		for k := range x {
			if x[k], err = strconv.ParseFloat(m[1+3*i+k], 64); err != nil {
				t.Fatal(err)
			}
		}
		mean := (x[0] + x[1] + x[2]) / 3
		ss := 0.0
		for _, v := range x {
			ss += (v - mean) * (v - mean)
		}
		row := regexp.MustCompile(`\| ` + regexp.QuoteMeta(set) + ` \(\d+\) \|[^\n]*?\*\*([.\d]+)\*\* ±([.\d]+)`).FindStringSubmatch(string(b))
		if row == nil {
			t.Errorf("%s: no row with a bold mean ± sd in README's table", set)
			continue
		}
		sd := strings.TrimPrefix(fmt.Sprintf("%.3f", math.Sqrt(ss/3)), "0")
		got, _ := strconv.ParseFloat(row[1], 64)
		if row[2] != sd || math.Abs(got-mean) > 0.0015 { // the per-seed means are rounded
			t.Errorf("%s: table says %s ±%s; its per-seed means %v give %.4f ±%s (population sd)", set, row[1], row[2], x, mean, sd)
		}
	}
}
