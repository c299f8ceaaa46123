package metrics

import (
	"errors"
	"slices"
	"testing"
)

// TestGroups: ids follow first appearance, centroids are per-sense means in
// sorted sense order, and GroupAccuracy matches senses by name across two
// groups whose ids differ.
func TestGroups(t *testing.T) {
	gs := Groups{}
	gs.Add("bank", "river", []float64{1, 0})
	gs.Add("bat", "animal", []float64{0, 1})
	gs.Add("bank", "finance", []float64{0, 2})
	gs.Add("bank", "river", []float64{3, 0})
	if got := gs.Words(); !slices.Equal(got, []string{"bank", "bat"}) {
		t.Errorf("words %v", got)
	}
	b := gs["bank"]
	if !slices.Equal(b.Senses, []string{"river", "finance"}) || !slices.Equal(b.IDs, []int{0, 1, 0}) {
		t.Errorf("bank: senses %v ids %v, want [river finance] [0 1 0]", b.Senses, b.IDs)
	}
	cs := b.Centroids()
	if len(cs) != 2 || cs[0].Sense != "finance" || !slices.Equal(cs[0].Vec, []float64{0, 2}) ||
		cs[1].Sense != "river" || !slices.Equal(cs[1].Vec, []float64{2, 0}) {
		t.Errorf("centroids %+v, want finance (0,2) and river (2,0)", cs)
	}
	tests := []struct {
		name string
		test *Group
		want float64
		err  error
	}{
		{"ids in another order", &Group{Senses: []string{"finance", "river"}, Vecs: [][]float64{{0.1, 1}, {1, 0.1}}, IDs: []int{0, 1}}, 1, nil},
		{"one wrong", &Group{Senses: []string{"river"}, Vecs: [][]float64{{1, 0.1}, {0, 1}}, IDs: []int{0, 0}}, 0.5, nil},
		{"sense without centroid", &Group{Senses: []string{"money"}, Vecs: [][]float64{{0, 1}}, IDs: []int{0}}, 0, nil},
		{"empty test", &Group{}, 0, ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := GroupAccuracy(b, tt.test)
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Errorf("GroupAccuracy = %v, %v; want %v, %v", got, err, tt.want, tt.err)
			}
		})
	}
}
