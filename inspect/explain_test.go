package inspect

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestExplainMatchesModel recomputes every head of every layer by hand, for
// a pre-norm and a post-norm model, and compares with the model's weights.
func TestExplainMatchesModel(t *testing.T) {
	for _, normFirst := range []bool{true, false} {
		tn := newTiny(t, normFirst)
		for layer := 1; layer <= 2; layer++ {
			for head := 1; head <= 2; head++ {
				t.Run(fmt.Sprintf("norm_first=%v/layer%d/head%d", normFirst, layer, head), func(t *testing.T) {
					wt, err := tn.c.Explain(tn.held[0].Text, "bank", layer, head)
					if err != nil {
						t.Fatal(err)
					}
					if wt.MaxDiff >= 1e-5 {
						t.Errorf("hand-computed weights differ from the model's by %g", wt.MaxDiff)
					}
					var sum float64
					for _, w := range wt.Weights {
						sum += w
					}
					if math.Abs(sum-1) > 1e-12 || len(wt.Weights) != len(tn.held[0].Tokens) {
						t.Errorf("weights sum to %v over %d tokens, want 1 over %d", sum, len(wt.Weights), len(tn.held[0].Tokens))
					}
					if len(wt.Q) != 4 || len(wt.X) != 8 || len(wt.StaticCos) != 3 {
						t.Errorf("len q, x, static cosines = %d, %d, %d; want 4, 8, 3", len(wt.Q), len(wt.X), len(wt.StaticCos))
					}
					if wt.Top[0] != argmax(wt.Model) {
						t.Errorf("top token %d, the model's largest weight is at %d", wt.Top[0], argmax(wt.Model))
					}
				})
			}
		}
	}
}

func TestExplainText(t *testing.T) {
	tn := newTiny(t, true)
	wt, err := tn.c.Explain(tn.held[0].Text, "bank", 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := wt.Write(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"q·k_j", "sqrt(d_k)", "bits", "largest |weight - model|", "attends most to", "bank <"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("walk-through lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestExplainRange(t *testing.T) {
	tn := newTiny(t, true)
	tests := []struct {
		layer, head int
		want        string
	}{
		{0, 1, "--layer 0"}, {3, 1, "--layer 3"}, {1, 0, "--head 0"}, {1, 3, "--head 3"},
	}
	for _, tt := range tests {
		_, err := tn.c.Explain(tn.held[0].Text, "bank", tt.layer, tt.head)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.As(err, new(*UsageError)) {
			t.Errorf("layer %d head %d: err = %v, want a UsageError with %q", tt.layer, tt.head, err, tt.want)
		}
	}
}

func argmax(xs []float64) int {
	best := 0
	for i, x := range xs {
		if x > xs[best] {
			best = i
		}
	}
	return best
}
