package main

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// meanSD is the mean and the sample standard deviation (divided by n − 1,
// the convention of every table in the docs); the sd is NaN for one value.
func meanSD(xs []float64) (mean, sd float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	if len(xs) < 2 {
		return mean, math.NaN()
	}
	ss := 0.0
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)-1))
}

// num writes a score in [0, 1] as the tables do: ".891", "1.000".
func num(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return strings.Replace(fmt.Sprintf("%.3f", x), "0.", ".", 1)
}

// pm writes mean ±sd, or the mean alone for one value.
func pm(xs []float64) string {
	m, sd := meanSD(xs)
	if math.IsNaN(sd) {
		return num(m)
	}
	return num(m) + " ±" + num(sd)
}

// column gathers one value of every seed.
func (st *set) column(f func(seed int) float64) []float64 {
	out := make([]float64, len(st.seeds))
	for i := range out {
		out[i] = f(i)
	}
	return out
}

// wordMean is a seed's mean over the set's words of one score.
func (st *set) wordMean(seed int, f func(score) float64) float64 {
	sum := 0.0
	for _, w := range st.words {
		sum += f(st.scores[seed][w])
	}
	return sum / float64(len(st.words))
}

func auc(s score) float64       { return s.auc }
func centroid(s score) float64  { return s.centroid }
func untrained(s score) float64 { return s.untrained }

// write prints the two tables: the words' mean per set, then per word.
func write(w io.Writer, sets []*set) error {
	seeds := fmt.Sprint(sets[0].seeds)
	fmt.Fprintf(w, "Final layer, mean ± sample sd (n − 1) over train.seed %s.\n\n", strings.Trim(seeds, "[]"))
	fmt.Fprintln(w, "| set | words' mean AUC | per seed | centroid | untrained AUC | unknown tokens |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- |")
	for _, st := range sets {
		means := st.column(func(i int) float64 { return st.wordMean(i, auc) })
		per := make([]string, len(means))
		for i, m := range means {
			per[i] = num(m)
		}
		c, _ := meanSD(st.column(func(i int) float64 { return st.wordMean(i, centroid) }))
		u, _ := meanSD(st.column(func(i int) float64 { return st.wordMean(i, untrained) }))
		unk, _ := meanSD(st.unknown)
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %.1f%% |\n", st.label(), pm(means), strings.Join(per, " / "), num(c), num(u), 100*unk)
	}
	fmt.Fprintf(w, "\nPer word (AUC ± sd / centroid):\n\n| set | %s |\n|%s\n", strings.Join(sets[0].words, " | "), strings.Repeat(" --- |", len(sets[0].words)+1))
	for _, st := range sets {
		cells := []string{st.label()}
		for _, word := range sets[0].words {
			if _, ok := st.scores[0][word]; !ok {
				cells = append(cells, "–")
				continue
			}
			a := st.column(func(i int) float64 { return st.scores[i][word].auc })
			c, _ := meanSD(st.column(func(i int) float64 { return st.scores[i][word].centroid }))
			cells = append(cells, pm(a)+" / "+num(c))
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	return nil
}
