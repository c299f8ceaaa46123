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

// Attention shapes reuse the softmax ones (batch 3: unpadded, partly padded,
// fully padded; 2 heads; 4 tokens) with d_k = 3; d_k = 8 and 16 take the
// float32 row kernels' assembly path where the CPU has one.
const attnDK = 3

var attnDKs = []int{attnDK, 8, 16}

// attnDrop is a dropout mask with zeros and 1/(1-p) entries.
func attnDrop(g *graph.Graph) *gorgonia.Node {
	v := make([]float64, softmaxB*softmaxH*softmaxT*softmaxT)
	for i := range v {
		if i%3 != 1 {
			v[i] = 1.5
		}
	}
	return g.Constant("drop", v, softmaxB*softmaxH, softmaxT, softmaxT)
}

func attnQKV(t *testing.T, g *graph.Graph, dk int) (qkv, pad *gorgonia.Node) {
	qkv = param(t, g, "qkv", graph.AsIs, softmaxB*softmaxT, 3*softmaxH*dk)
	return qkv, g.Constant("pad", softmaxPad, softmaxB, softmaxT)
}

// fusedAttention builds the fused op; chainAttention the same computation as
// ReadableAttention writes it, one op per step.
func fusedAttention(t *testing.T, g *graph.Graph, dk int, withDrop bool) (out, probs *gorgonia.Node) {
	qkv, pad := attnQKV(t, g, dk)
	var drop *gorgonia.Node
	if withDrop {
		drop = attnDrop(g)
	}
	return g.Attention(qkv, pad, graph.Heads{Batch: softmaxB, Heads: softmaxH}, 1/math.Sqrt(float64(dk)), drop)
}

func chainAttention(t *testing.T, g *graph.Graph, dk int, withDrop bool) (out, probs *gorgonia.Node) {
	qkv, pad := attnQKV(t, g, dk)
	var drop *gorgonia.Node
	if withDrop {
		drop = attnDrop(g)
	}
	return g.ReadableAttention(qkv, pad, graph.Heads{Batch: softmaxB, Heads: softmaxH}, 1/math.Sqrt(float64(dk)), drop)
}

func TestAttentionFiniteDifferences(t *testing.T) {
	for _, withDrop := range []bool{false, true} {
		t.Run(fmt.Sprint("drop=", withDrop), func(t *testing.T) {
			g := newG(t)
			out, _ := fusedAttention(t, g, attnDK, withDrop)
			res := mustFD(t, g, out)
			// No gradient reaches a fully padded sequence's queries or keys.
			gq := res.grads["qkv"]
			w := 3 * softmaxH * attnDK
			for i := 2 * softmaxT * w; i < 3*softmaxT*w; i++ {
				if i%w < 2*softmaxH*attnDK && gq[i] != 0 {
					t.Errorf("padded sequence: qkv grad[%d] = %g, want 0", i, gq[i])
				}
			}
		})
	}
}

// compileWeightedSum compiles g with loss = sum(y ⊙ R), R drawn N(0, 1)
// from a fixed seed, so that every element of y reaches the gradients with
// a weight of its own. Watches must be taken before.
func compileWeightedSum(t *testing.T, g *graph.Graph, y *gorgonia.Node) {
	t.Helper()
	r := graph.Normal(1)(rand.New(rand.NewPCG(1, 1)), y.Shape())
	loss := must(t)(gorgonia.Sum(must(t)(gorgonia.HadamardProd(y, g.Constant("R", r, y.Shape()...)))))
	if err := g.Compile(loss); err != nil {
		t.Fatal(err)
	}
}

// runAttention returns out, probs and the gradient of sum(out ⊙ R) for qkv.
func runAttention(t *testing.T, dtype tensor.Dtype, dk int, withDrop, fused bool) (out, probs, grad []float64) {
	g, err := graph.New(dtype, rand.New(rand.NewPCG(7, 11)))
	if err != nil {
		t.Fatal(err)
	}
	build := chainAttention
	if fused {
		build = fusedAttention
	}
	y, p := build(t, g, dk, withDrop)
	wy, wp := g.Watch(y), g.Watch(p)
	compileWeightedSum(t, g, y)
	defer g.Close()
	if err := g.Run(); err != nil {
		t.Fatal(err)
	}
	qkv, _ := g.Param("qkv")
	grad, err = qkv.TorchGrad()
	if err != nil {
		t.Fatal(err)
	}
	return wy.Value(), wp.Value(), grad
}

// The fused op computes what the chain of primitives computes: outputs,
// probs and gradients, in both dtypes.
func TestAttentionMatchesChain(t *testing.T) {
	for _, c := range []struct {
		dtype tensor.Dtype
		tol   float64
	}{{tensor.Float64, 1e-12}, {tensor.Float32, 1e-5}} {
		for _, dk := range attnDKs {
			for _, withDrop := range []bool{false, true} {
				t.Run(fmt.Sprintf("%v/dk=%d/drop=%v", c.dtype, dk, withDrop), func(t *testing.T) {
					fo, fp, fg := runAttention(t, c.dtype, dk, withDrop, true)
					co, cp, cg := runAttention(t, c.dtype, dk, withDrop, false)
					for _, v := range []struct {
						name      string
						got, want []float64
					}{{"out", fo, co}, {"probs", fp, cp}, {"grad", fg, cg}} {
						if len(v.got) != len(v.want) {
							t.Fatalf("%s: %d values, want %d", v.name, len(v.got), len(v.want))
						}
						for i := range v.got {
							if math.Abs(v.got[i]-v.want[i]) > c.tol*(1+math.Abs(v.want[i])) {
								t.Fatalf("%s[%d] = %g, chain %g", v.name, i, v.got[i], v.want[i])
							}
						}
					}
				})
			}
		}
	}
}
