package main

import "testing"

func TestFinalLayer(t *testing.T) {
	tests := []struct {
		name string
		reps []string
		want string
	}{
		{"two layers", []string{"static", "input", "layer1", "layer2", "untrained"}, "layer2"},
		{"ten layers", []string{"layer1", "layer2", "layer9", "layer10", "untrained"}, "layer10"},
		{"no layers", []string{"static", "untrained"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			byRep := map[string]result{}
			for _, r := range tt.reps {
				byRep[r] = result{Representation: r}
			}
			if got := finalLayer(byRep); got != tt.want {
				t.Errorf("finalLayer(%v) = %q, want %q", tt.reps, got, tt.want)
			}
		})
	}
}
