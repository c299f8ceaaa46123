package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestLearns: the shipped data trains to a test accuracy far above chance,
// which untrained weights do not reach.
func TestLearns(t *testing.T) {
	tests := []struct {
		steps    int
		min, max float64
	}{
		{0, 0, 0.8},
		{steps, 0.95, 1},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		acc, err := run(reviews, tt.steps, &out)
		if err != nil {
			t.Fatal(err)
		}
		if acc < tt.min || acc > tt.max || !strings.Contains(out.String(), "accuracy: train") {
			t.Errorf("%d steps: test accuracy %.3f, want %.2f to %.2f; output:\n%s", tt.steps, acc, tt.min, tt.max, out.String())
		}
	}
}

// TestParseErrors: a malformed line is named by its line number.
func TestParseErrors(t *testing.T) {
	tests := []struct{ tsv, want string }{
		{"train\tpositive\n", "reviews.tsv:1: 2 fields"},
		{"# c\ntrain\tgreat\tthe film was good\n", "reviews.tsv:2: label \"great\""},
		{"dev\tpositive\tthe film was good\n", "reviews.tsv:1: split \"dev\""},
		{"train\tpositive\tthe film was good\n", "0 test sentences"},
	}
	for _, tt := range tests {
		if _, _, err := parse(tt.tsv); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parse(%q): got %v, want an error containing %q", tt.tsv, err, tt.want)
		}
	}
}
