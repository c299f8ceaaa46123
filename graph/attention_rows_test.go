package graph_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/attendlab/attend/graph"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// attnRows lists rows of the attention shapes (batch 3 of 4 tokens): out of
// order, row 1 three times, one row of the partly padded sequence's padding
// (6), the fully padded sequence's rows (9, 11), and sequence 1 twice.
var attnRows = []int{5, 1, 9, 1, 0, 6, 11, 1, 4}

func attnRowsNode(t *testing.T, g *graph.Graph) *gorgonia.Node {
	rows := g.IntInput("rows", len(attnRows))
	if err := g.Set(rows, attnRows); err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestAttentionRowsFiniteDifferences(t *testing.T) {
	g := newG(t)
	qkv, pad := attnQKV(t, g, attnDK)
	out := g.AttentionRows(qkv, pad, attnRowsNode(t, g), graph.Heads{Batch: softmaxB, Heads: softmaxH}, 1/math.Sqrt(attnDK))
	mustFD(t, g, out)
}

// attnRowsOut is the listed rows' attention: from AttentionRows, or
// (rowsOp false) Attention's out gathered at the rows.
func attnRowsOut(g *graph.Graph, qkv, pad, rows *gorgonia.Node, h graph.Heads, scale float64, rowsOp bool) *gorgonia.Node {
	if rowsOp {
		return g.AttentionRows(qkv, pad, rows, h, scale)
	}
	full, _ := g.Attention(qkv, pad, h, scale, nil)
	return g.Lookup(full, rows)
}

// closeTo fails t at the first value of got off want by more than tol
// (relative, and absolute near zero).
func closeTo(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > tol*(1+math.Abs(want[i])) {
			t.Errorf("%s[%d] = %.9g, want %.9g", what, i, got[i], want[i])
			return
		}
	}
}

// runAttentionRows returns the listed rows' outputs and the gradient of
// sum(out ⊙ R) for qkv: from AttentionRows, or from Attention's out
// gathered at the rows.
func runAttentionRows(t *testing.T, dtype tensor.Dtype, dk int, rowsOp bool) (out, grad []float64) {
	g, err := graph.New(dtype, rand.New(rand.NewPCG(7, 11)))
	if err != nil {
		t.Fatal(err)
	}
	qkv, pad := attnQKV(t, g, dk)
	heads, scale := graph.Heads{Batch: softmaxB, Heads: softmaxH}, 1/math.Sqrt(float64(dk))
	y := attnRowsOut(g, qkv, pad, attnRowsNode(t, g), heads, scale, rowsOp)
	wy := g.Watch(y)
	compileWeightedSum(t, g, y)
	defer g.Close()
	for range 2 { // a second run into the buffers of the first
		if err := g.Run(); err != nil {
			t.Fatal(err)
		}
	}
	p, _ := g.Param("qkv")
	grad, err = p.TorchGrad()
	if err != nil {
		t.Fatal(err)
	}
	return wy.Value(), grad
}

// AttentionRows computes Attention's rows: outputs and gradients, in both
// dtypes and at every d_k of the attention tests.
func TestAttentionRowsMatchesAttention(t *testing.T) {
	for _, c := range []struct {
		dtype tensor.Dtype
		tol   float64
	}{{tensor.Float64, 1e-12}, {tensor.Float32, 2e-5}} {
		for _, dk := range attnDKs {
			out, grad := runAttentionRows(t, c.dtype, dk, true)
			wantOut, wantGrad := runAttentionRows(t, c.dtype, dk, false)
			closeTo(t, fmt.Sprintf("%v d_k %d out", c.dtype, dk), out, wantOut, c.tol)
			closeTo(t, fmt.Sprintf("%v d_k %d qkv grad", c.dtype, dk), grad, wantGrad, c.tol)
		}
	}
}

func TestAttentionRowsRejectsRowOutside(t *testing.T) {
	g := newG(t)
	qkv, pad := attnQKV(t, g, attnDK)
	rows := g.IntInput("rows", 2)
	out := g.AttentionRows(qkv, pad, rows, graph.Heads{Batch: softmaxB, Heads: softmaxH}, 1)
	if err := g.Compile(must(t)(gorgonia.Sum(out))); err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if err := g.Set(rows, []int{0, softmaxB * softmaxT}); err != nil {
		t.Fatal(err)
	}
	if err := g.Run(); err == nil {
		t.Fatal("a row past the batch ran")
	}
}

// Shapes large enough for the workers to split the units, and other rows
// on every run: each run's outputs and gradients are Attention's rows.
func TestAttentionRowsAcrossRuns(t *testing.T) {
	const b, tok, heads, dk = 4, 32, 4, 16
	for _, c := range []struct {
		dtype tensor.Dtype
		tol   float64
	}{{tensor.Float64, 1e-12}, {tensor.Float32, 2e-5}} {
		pad := make([]float64, b*tok)
		for j := 20; j < tok; j++ {
			pad[tok+j] = 1 // sequence 1 is partly padded
		}
		for j := range tok {
			pad[3*tok+j] = 1 // sequence 3 is all padding
		}
		build := func(rowsOp bool) (*graph.Graph, *gorgonia.Node, *graph.Watch) {
			g, err := graph.New(c.dtype, rand.New(rand.NewPCG(7, 11)))
			if err != nil {
				t.Fatal(err)
			}
			qkv := param(t, g, "qkv", graph.AsIs, b*tok, 3*heads*dk)
			p := g.Constant("pad", pad, b, tok)
			rows := g.IntInput("rows", 24)
			y := attnRowsOut(g, qkv, p, rows, graph.Heads{Batch: b, Heads: heads}, 0.25, rowsOp)
			w := g.Watch(y)
			compileWeightedSum(t, g, y)
			return g, rows, w
		}
		gr, rowsR, wr := build(true)
		defer gr.Close()
		gf, rowsF, wf := build(false)
		defer gf.Close()
		rng := rand.New(rand.NewPCG(3, 4))
		for run := range 3 {
			ids := make([]int, 24)
			for i := range ids {
				ids[i] = rng.IntN(b * tok)
			}
			for _, gi := range []struct {
				g    *graph.Graph
				rows *gorgonia.Node
			}{{gr, rowsR}, {gf, rowsF}} {
				if err := gi.g.Set(gi.rows, ids); err != nil {
					t.Fatal(err)
				}
				if err := gi.g.Run(); err != nil {
					t.Fatal(err)
				}
			}
			pr, _ := gr.Param("qkv")
			pf, _ := gf.Param("qkv")
			gradR, err := pr.TorchGrad()
			if err != nil {
				t.Fatal(err)
			}
			gradF, err := pf.TorchGrad()
			if err != nil {
				t.Fatal(err)
			}
			closeTo(t, fmt.Sprintf("%v run %d out", c.dtype, run), wr.Value(), wf.Value(), c.tol)
			closeTo(t, fmt.Sprintf("%v run %d qkv grad", c.dtype, run), gradR, gradF, c.tol)
		}
	}
}
