package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/fit"
	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/layers"
	"github.com/attendlab/attend/optim"
)

// shape is the encoder's: attend's layers, a smaller size.
var shape = arch.Shape{DModel: 32, Heads: 4, FF: 64, Layers: 2, NormFirst: true, Activation: arch.GELU, Positions: arch.Sinusoidal}

// classifier is the encoder with a sentence head and its loss, in one graph
// built for batches of b sentences of t tokens.
type classifier struct {
	g           *graph.Graph
	vocab, b, t int
	// Fed each step: token ids, padding, the row of each [CLS] and the labels.
	ids, pad, cls, labels *graph.Node
	logits, loss          *graph.Watch
}

// newClassifier builds the graph; with train, its backward pass too.
func newClassifier(vocab, b, t int, train bool) (*classifier, error) {
	g, err := graph.New(graph.Float32, rand.New(rand.NewPCG(seed, 0)))
	if err != nil {
		return nil, err
	}
	s := shape
	s.MaxLen = t
	embed, err := layers.NewEmbedding(g, "embed", vocab, s.DModel, 0.02)
	if err != nil {
		return nil, err
	}
	pos, err := layers.NewPositions(g, "pos", false, t, s.DModel, b, t)
	if err != nil {
		return nil, err
	}
	enc, err := layers.NewEncoder(g, "encoder", s)
	if err != nil {
		return nil, err
	}
	head, err := layers.NewLinear(g, "sentence_head", s.DModel, len(labels))
	if err != nil {
		return nil, err
	}

	c := &classifier{g: g, vocab: vocab, b: b, t: t}
	c.ids, c.pad = g.IntInput("ids", b*t), g.Input("pad", b, t)
	c.cls, c.labels = g.IntInput("cls_rows", b), g.Input("labels", b)
	x := pos.Forward(embed.Forward(c.ids))
	hidden, _ := enc.Forward(x, c.pad, b)
	sent := g.Lookup(hidden[len(hidden)-1], c.cls) // [B, D]: each sentence's [CLS] vector
	logits := head.Forward(sent)                   // [B, labels]
	loss := g.CrossEntropy(logits, c.labels)
	c.logits, c.loss = g.Watch(logits), g.Watch(loss)
	if !train {
		loss = nil // forward only
	}
	if err := g.Compile(loss); err != nil { // the first error of the ops above, if any
		return nil, err
	}
	return c, nil
}

// resized is a forward-only classifier for batches of b sentences that
// computes with c's weights: predicting with another batch size is one call.
func (c *classifier) resized(b int) (*classifier, error) {
	r, err := newClassifier(c.vocab, b, c.t, false)
	if err != nil {
		return nil, err
	}
	return r, r.g.ShareParams(c.g)
}

// feed sets one batch; rows past the examples are [CLS] alone, unlabelled.
func (c *classifier) feed(batch []example) error {
	ids := make([]int, c.b*c.t)
	pad := make([]float64, c.b*c.t)
	cls := make([]int, c.b)
	lab := make([]float64, c.b)
	for r := range c.b {
		ex := example{ids: []int{clsID}, label: -1} // a negative label: no loss
		if r < len(batch) {
			ex = batch[r]
		}
		for j := range c.t {
			if j < len(ex.ids) {
				ids[r*c.t+j] = ex.ids[j]
			} else {
				pad[r*c.t+j] = 1
			}
		}
		cls[r], lab[r] = r*c.t, float64(ex.label)
	}
	for _, in := range []struct {
		n *graph.Node
		v any
	}{{c.ids, ids}, {c.pad, pad}, {c.cls, cls}, {c.labels, lab}} {
		if err := c.g.Set(in.n, in.v); err != nil {
			return err
		}
	}
	return nil
}

// train takes steps AdamW steps on batches drawn from shuffled passes, on
// attend's training loop, logging the loss every 100 steps.
func (c *classifier) train(data []example, steps int, w io.Writer) error {
	opt, err := graph.NewOptimizer(c.g, optim.NewAdamW[float32](optim.AdamConfig{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: 0.01}))
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	order := rng.Perm(len(data))
	l := &fit.Loop[float64, struct{}]{Steps: steps, Step: func(int) (float64, error) {
		if len(order) < c.b {
			order = rng.Perm(len(data))
		}
		batch := make([]example, c.b)
		for i := range batch {
			batch[i] = data[order[i]]
		}
		order = order[c.b:]
		if err := c.feed(batch); err != nil {
			return 0, err
		}
		if err := c.g.Run(); err != nil {
			return 0, err
		}
		return c.loss.Value()[0], opt.Step(lr)
	}}
	l.Hooks = []fit.Hook[float64, struct{}]{{OnStep: func(loss float64) error {
		if l.Done%100 == 0 {
			fmt.Fprintf(w, "step %d  loss %.4f\n", l.Done, loss)
		}
		return nil
	}}}
	return l.Run(context.Background())
}

// accuracy is the share of examples whose arg-max label is right; wrong, if
// not nil, receives the indices of the others. c must be built for
// len(data) sentences (resized).
func (c *classifier) accuracy(data []example, wrong *[]int) (float64, error) {
	if err := c.feed(data); err != nil {
		return 0, err
	}
	if err := c.g.Run(); err != nil {
		return 0, err
	}
	right, l, n := 0, c.logits.Value(), len(labels)
	for i, ex := range data {
		row := l[i*n : (i+1)*n]
		if slices.Index(row, slices.Max(row)) == ex.label {
			right++
		} else if wrong != nil {
			*wrong = append(*wrong, i)
		}
	}
	return float64(right) / float64(len(data)), nil
}
