package inspect

import (
	"math"
	"slices"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/layers"
	"github.com/attendlab/attend/metrics"
	"github.com/attendlab/attend/model"
)

// Walkthrough is one attention head's computation for one token, redone by
// hand in float64 from the model's parameters.
type Walkthrough struct {
	Sentence    data.Sentence // Pos = the token explained
	Layer, Head int           // 1-based, as the user gave them
	Heads, DK   int           // heads of the layer, and d_k = d_model / heads
	NormFirst   bool          // x is norm1(layer input) rather than the layer input
	X           []float64     // the token's input to attention
	Q           []float64     // its query for the head
	K, V        [][]float64   // every real token j's key k_j and value v_j for the head
	Raw         []float64     // q·k_j for every real token j
	Scaled      []float64     // q·k_j / sqrt(d_k)
	Weights     []float64     // softmax(Scaled): the attention weights
	Out         []float64     // Σ_j Weights[j] v_j: the head's output for the token, before out_proj
	Model       []float64     // the model's own weights for the same row
	MaxDiff     float64       // max |Weights - Model|
	EntropyRaw  float64       // entropy of softmax(Raw), bits
	EntropyNorm float64       // entropy of softmax(Scaled), bits
	Top         []int         // token positions by decreasing weight, at most 3
	Reps        []string      // input, layer1..layerN
	StaticCos   []float64     // cosine between the static vector and each of Reps
	Unknown     []string      // words of the sentence the vocabulary lacks, read as [UNK]
}

// Explain walks through self-attention of layer (1-based) and head
// (1-based) for the first occurrence of word in text.
func (c *Checkpoint) Explain(text, word string, layer, head int) (*Walkthrough, error) {
	cfg := c.Config()
	if layer < 1 || layer > cfg.Layers {
		return nil, Usagef("--layer %d: the model has layers 1 to %d", layer, cfg.Layers)
	}
	if head < 1 || head > cfg.Heads {
		return nil, Usagef("--head %d: the model has heads 1 to %d", head, cfg.Heads)
	}
	s, err := c.target(text, word)
	if err != nil {
		return nil, err
	}
	m, release, err := c.trained(1, len(s.Tokens))
	if err != nil {
		return nil, err
	}
	defer release()
	wt := &Walkthrough{Sentence: s, Layer: layer, Head: head, Heads: cfg.Heads, DK: cfg.DModel / cfg.Heads,
		NormFirst: cfg.NormFirst, Unknown: c.unknownIn(s)}
	err = forward(m, c.Vocab, []data.Sentence{s}, func(_, row int) error {
		wt.Model = m.Attention(layer-1, row, head-1, s.Pos)[:len(s.Tokens)]
		return nil
	})
	if err != nil {
		return nil, err
	}
	wt.attend(m)
	static := m.Static(c.Vocab.ID(s.Tokens[s.Pos])) // the form written, "cranes" for crane
	wt.Reps = Representations(cfg.Layers)[1 : cfg.Layers+2]
	for l := range wt.Reps {
		wt.StaticCos = append(wt.StaticCos, metrics.Cosine(static, m.Vector(l, 0, s.Pos)))
	}
	return wt, nil
}

// attend recomputes the head's attention row from the layer input: hidden
// layer wt.Layer-1 of the model's only batch row, after the run.
func (wt *Walkthrough) attend(m *model.Model) {
	layer := m.Encoder.Layers[wt.Layer-1]
	w, b := layer.Attn.InProj.Weight.Torch(), layer.Attn.InProj.Bias.Torch()
	d, n := m.Config.DModel, len(wt.Sentence.Tokens)
	xs := make([][]float64, n)
	for j := range xs {
		xs[j] = m.Vector(wt.Layer-1, 0, j)
		if wt.NormFirst { // pre-norm: attention sees norm1 of the layer input
			xs[j] = layerNorm(layer.Norm1, xs[j])
		}
	}
	wt.X = xs[wt.Sentence.Pos]
	// Rows 0..D-1 of in_proj are W_q, D..2D-1 W_k, 2D..3D-1 W_v; the head
	// uses d_k of each.
	qRow, kRow, vRow := (wt.Head-1)*wt.DK, d+(wt.Head-1)*wt.DK, 2*d+(wt.Head-1)*wt.DK
	wt.Q = affine(w, b, qRow, wt.DK, d, wt.X)
	scale := math.Sqrt(float64(wt.DK))
	for _, x := range xs {
		k := affine(w, b, kRow, wt.DK, d, x)
		wt.K = append(wt.K, k)
		wt.V = append(wt.V, affine(w, b, vRow, wt.DK, d, x))
		var dot float64
		for i := range k {
			dot += wt.Q[i] * k[i]
		}
		wt.Raw = append(wt.Raw, dot)
		wt.Scaled = append(wt.Scaled, dot/scale)
	}
	wt.Weights = softmax(wt.Scaled)
	wt.Out = make([]float64, wt.DK)
	for j, v := range wt.V {
		for i := range v {
			wt.Out[i] += wt.Weights[j] * v[i]
		}
	}
	wt.EntropyRaw, wt.EntropyNorm = entropyBits(softmax(wt.Raw)), entropyBits(wt.Weights)
	for j := range wt.Weights {
		wt.MaxDiff = max(wt.MaxDiff, math.Abs(wt.Weights[j]-wt.Model[j]))
	}
	order := make([]int, n)
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int { return -cmpFloat(wt.Weights[a], wt.Weights[b]) })
	wt.Top = order[:min(3, n)]
}

// affine returns rows [row, row+k) of W x + b, W having d columns.
func affine(w, b []float64, row, k, d int, x []float64) []float64 {
	out := make([]float64, k)
	for r := range out {
		s := b[row+r]
		for c, xc := range x {
			s += w[(row+r)*d+c] * xc
		}
		out[r] = s
	}
	return out
}

// layerNorm applies a layer norm by hand, with its own eps: centre, divide by
// the standard deviation, then scale and shift per dimension.
func layerNorm(ln *layers.LayerNorm, x []float64) []float64 {
	g, b := ln.Gain.Torch(), ln.Bias.Torch()
	var mean, v float64
	for _, xi := range x {
		mean += xi
	}
	mean /= float64(len(x))
	for _, xi := range x {
		v += (xi - mean) * (xi - mean)
	}
	std := math.Sqrt(v/float64(len(x)) + ln.Eps)
	out := make([]float64, len(x))
	for i, xi := range x {
		out[i] = (xi-mean)/std*g[i] + b[i]
	}
	return out
}

// softmax subtracts the maximum first so exp cannot overflow.
func softmax(xs []float64) []float64 {
	hi := slices.Max(xs)
	out := make([]float64, len(xs))
	var sum float64
	for i, x := range xs {
		out[i] = math.Exp(x - hi)
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

// entropyBits is -Σ p log2 p: 0 when all weight is on one token, log2(n)
// when it is spread evenly over n tokens.
func entropyBits(p []float64) float64 {
	var h float64
	for _, x := range p {
		if x > 0 {
			h -= x * math.Log2(x)
		}
	}
	return h
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
