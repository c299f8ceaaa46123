package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMeanSD(t *testing.T) {
	tests := []struct {
		xs       []float64
		mean, sd float64
	}{
		{[]float64{.915, .874, .885}, .891333, .021221}, // the population sd would be .017327
		{[]float64{1, 1, 1}, 1, 0},
		{[]float64{2, 4}, 3, math.Sqrt2},
		{[]float64{.5}, .5, math.NaN()},
	}
	for _, tt := range tests {
		m, sd := meanSD(tt.xs)
		if math.Abs(m-tt.mean) > 1e-6 || !(math.Abs(sd-tt.sd) < 1e-6 || math.IsNaN(sd) && math.IsNaN(tt.sd)) {
			t.Errorf("meanSD(%v) = %v, %v; want %v, %v", tt.xs, m, sd, tt.mean, tt.sd)
		}
	}
}

// writeReport writes an eval --json report of two words; auc[w] is the final
// layer's AUC of word w, its centroid accuracy auc-0.1.
func writeReport(t *testing.T, path string, unknown float64, words []string, auc []float64) {
	t.Helper()
	var rs []string
	for i, w := range words {
		rs = append(rs,
			fmt.Sprintf(`{"word":%q,"representation":"static","auc":0.5,"centroid_acc":0.5}`, w),
			fmt.Sprintf(`{"word":%q,"representation":"layer1","auc":0.6,"centroid_acc":0.6}`, w),
			fmt.Sprintf(`{"word":%q,"representation":"layer2","auc":%v,"centroid_acc":%v,"n":10}`, w, auc[i], auc[i]-0.1),
			fmt.Sprintf(`{"word":%q,"representation":"untrained","auc":0.52,"centroid_acc":null}`, w))
	}
	body := fmt.Sprintf(`{"results":[%s],"unknown_rate":%v}`, strings.Join(rs, ","), unknown)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTables(t *testing.T) {
	dir := t.TempDir()
	words := []string{"bank", "bat"}
	for i, s := range []int{1, 2, 3} {
		seed := filepath.Join(dir, fmt.Sprintf("s%d", s))
		writeReport(t, filepath.Join(seed, "heldout.json"), 0, words, []float64{1, 1})
		writeReport(t, filepath.Join(seed, "dev.json"), 0.02, words, []float64{[]float64{.9, .8, .85}[i], .9})
	}
	sets, err := readDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := write(&b, sets); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"over train.seed 1 2 3",
		// dev's word means .9, .85, .875: mean .875, sample sd .025
		"| dev.tsv (20) | .875 ±.025 | .900 / .850 / .875 | .775 | .520 | 2.0% |",
		"| held-out (generated, 20) | 1.000 ±.000 | 1.000 / 1.000 / 1.000 | .900 | .520 | 0.0% |",
		"| set | bank | bat |",
		"| dev.tsv (20) | .850 ±.050 / .750 | .900 ±.000 / .800 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "| dev.tsv") > strings.Index(out, "| held-out") {
		t.Errorf("dev should come before heldout:\n%s", out)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"no seeds", func(t *testing.T, dir string) {}, "no s<SEED> folders"},
		{"missing set", func(t *testing.T, dir string) {
			writeReport(t, filepath.Join(dir, "s1", "dev.json"), 0, []string{"bank"}, []float64{.9})
			if err := os.MkdirAll(filepath.Join(dir, "s2"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, filepath.Join("s2", "dev.json")},
		{"other words", func(t *testing.T, dir string) {
			writeReport(t, filepath.Join(dir, "s1", "dev.json"), 0, []string{"bank"}, []float64{.9})
			writeReport(t, filepath.Join(dir, "s2", "dev.json"), 0, []string{"bat"}, []float64{.9})
		}, `no scores for "bank"`},
		{"not json", func(t *testing.T, dir string) {
			if err := os.MkdirAll(filepath.Join(dir, "s1"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "s1", "dev.json"), []byte("{"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "dev.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.setup(t, dir)
			_, err := readDir(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("readDir: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
