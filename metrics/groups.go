package metrics

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Group is the labelled occurrences of one word: each vector with the id of
// its sense, an index into Senses. Training-time validation and the eval
// report both group target vectors this way.
type Group struct {
	Senses []string
	Vecs   [][]float64
	IDs    []int
}

// ID returns the id of sense, giving a sense new to the group the next one.
func (g *Group) ID(sense string) int {
	if id := slices.Index(g.Senses, sense); id >= 0 {
		return id
	}
	g.Senses = append(g.Senses, sense)
	return len(g.Senses) - 1
}

// Add appends one occurrence.
func (g *Group) Add(sense string, vec []float64) {
	g.Vecs, g.IDs = append(g.Vecs, vec), append(g.IDs, g.ID(sense))
}

// Centroid is the mean vector of one sense's occurrences.
type Centroid struct {
	Sense string
	Vec   []float64
}

// Centroids are the mean vectors of the senses with occurrences, in sorted
// sense order; each is the sum of its vectors in order, then divided, as
// CentroidAccuracy computes them.
func (g *Group) Centroids() []Centroid {
	sums, counts := map[int][]float64{}, map[int]int{}
	for i, v := range g.Vecs {
		id := g.IDs[i]
		if sums[id] == nil {
			sums[id] = make([]float64, len(v))
		}
		for d, x := range v {
			sums[id][d] += x
		}
		counts[id]++
	}
	out := make([]Centroid, 0, len(sums))
	for id, s := range sums {
		for d := range s {
			s[d] /= float64(counts[id])
		}
		out = append(out, Centroid{Sense: g.Senses[id], Vec: s})
	}
	slices.SortFunc(out, func(a, b Centroid) int {
		return strings.Compare(a.Sense, b.Sense)
	})
	return out
}

// GroupAccuracy is CentroidAccuracy with centroids from train's vectors,
// tested on test's: senses are matched by name, ids given in sorted order
// of the senses of both (near-ties go to the first sense by name). A test
// sense the training group lacks has no centroid and scores wrong.
func GroupAccuracy(train, test *Group) (float64, error) {
	names := slices.Concat(train.Senses, test.Senses)
	slices.Sort(names)
	names = slices.Compact(names)
	ids := func(g *Group) []int {
		out := make([]int, len(g.IDs))
		for i, id := range g.IDs {
			out[i], _ = slices.BinarySearch(names, g.Senses[id])
		}
		return out
	}
	acc, err := CentroidAccuracy(train.Vecs, ids(train), test.Vecs, ids(test))
	if err != nil {
		return 0, fmt.Errorf("senses %v: %w", names, err)
	}
	return acc, nil
}

// Groups are the groups of many words, by word.
type Groups map[string]*Group

// Add appends one occurrence of word.
func (gs Groups) Add(word, sense string, vec []float64) {
	g := gs[word]
	if g == nil {
		g = &Group{}
		gs[word] = g
	}
	g.Add(sense, vec)
}

// Words lists the words in sorted order.
func (gs Groups) Words() []string { return slices.Sorted(maps.Keys(gs)) }
