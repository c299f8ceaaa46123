package inspect

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
)

// shown is how many values of a vector the walk-through prints.
const shown = 6

// Write prints the walk-through, one numbered step per stage of the
// computation, each saying what its numbers are.
func (wt *Walkthrough) Write(w io.Writer) error {
	s, t, n := wt.Sentence, wt.Sentence.Pos, len(wt.Sentence.Tokens)
	fmt.Fprintf(w, "Self-attention for %q (token %d of %d), layer %d, head %d of %d, recomputed in float64\n",
		s.Word, t+1, n, wt.Layer, wt.Head, wt.Heads)
	fmt.Fprintf(w, "from the model's parameters and checked against the model's own attention weights.\n")
	fmt.Fprintf(w, "sentence: %s\n", strings.Join(s.Tokens, " "))
	if note := unknownNote(wt.Unknown); note != "" {
		fmt.Fprintln(w, note)
	}
	fmt.Fprintln(w)

	input := "the layer input (embedding + position)"
	if wt.Layer > 1 {
		input = fmt.Sprintf("the layer input (output of layer %d)", wt.Layer-1)
	}
	if wt.NormFirst {
		input = "norm1 of " + input + ", as this pre-norm model does"
	}
	fmt.Fprintf(w, "1. x = %s:\n   %d values %s  norm %.3f\n", input, len(wt.X), head(wt.X), norm(wt.X))
	fmt.Fprintf(w, "2. query q = W_q x + b_q, the head's %d rows of in_proj (d_k = d_model / heads = %d):\n   %s  norm %.3f\n",
		wt.DK, wt.DK, head(wt.Q), norm(wt.Q))
	fmt.Fprintf(w, "3. every token j offers a key k_j = W_k x_j + b_k. The score q·k_j says how well it answers the\n")
	fmt.Fprintf(w, "   query; dividing by sqrt(d_k) = %.3f keeps scores of long vectors from saturating the softmax.\n", math.Sqrt(float64(wt.DK)))
	fmt.Fprintf(w, "   weight = softmax of the scaled scores (sums to 1); model = the model's own attention weight:\n\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "j\ttoken\tk_j (first %d of %d)\tq·k_j\t/sqrt(d_k)\tweight\tmodel\t\n", keyShown, wt.DK)
	for j, tok := range s.Tokens {
		mark := ""
		if j == t {
			mark = " <"
		}
		fmt.Fprintf(tw, "%d\t%s%s\t%s\t%.3f\t%.3f\t%.4f\t%.4f\t\n", j+1, tok, mark, headN(wt.K[j], keyShown), wt.Raw[j], wt.Scaled[j], wt.Weights[j], wt.Model[j])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n4. every token j also offers a value v_j = W_v x_j + b_v; the head's output for %q is the\n", s.Word)
	fmt.Fprintf(w, "   weighted sum of the values, sum_j weight_j v_j (out_proj then mixes the heads' outputs):\n   %s  norm %.3f\n", head(wt.Out), norm(wt.Out))
	fmt.Fprintf(w, "5. largest |weight - model| = %.2g (the model computes in float32, this walk-through in float64)\n", wt.MaxDiff)
	fmt.Fprintf(w, "6. entropy of the weights, in bits (0 = all on one token, log2(%d) = %.2f = spread evenly):\n", n, math.Log2(float64(n)))
	fmt.Fprintf(w, "   %.3f with the division by sqrt(d_k), %.3f without it\n", wt.EntropyNorm, wt.EntropyRaw)
	top := make([]string, len(wt.Top))
	for i, j := range wt.Top {
		top[i] = fmt.Sprintf("%s (token %d) %.3f", s.Tokens[j], j+1, wt.Weights[j])
	}
	fmt.Fprintf(w, "7. %q attends most to: %s", s.Word, strings.Join(top, ", "))
	fmt.Fprintf(w, "\n8. how far %q moved from its static vector (cosine with its embedding row; 1 = not at all):\n  ", s.Word)
	for i, rep := range wt.Reps {
		fmt.Fprintf(w, " %s %.3f", rep, wt.StaticCos[i])
	}
	fmt.Fprintln(w)
	return nil
}

// keyShown is how many values of each key the walk-through's table prints.
const keyShown = 3

// head formats the first few values of v.
func head(v []float64) string { return headN(v, shown) }

// headN formats the first n values of v, three decimals each.
func headN(v []float64, n int) string {
	parts := make([]string, 0, n+1)
	for _, x := range v[:min(n, len(v))] {
		parts = append(parts, fmt.Sprintf("%.3f", x))
	}
	if len(v) > n {
		parts = append(parts, "...")
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func norm(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}
