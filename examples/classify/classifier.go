package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/layers"
	"github.com/attendlab/attend/optim"
	"gorgonia.org/tensor"
)

// shape is the encoder's: attend's layers, a smaller size.
var shape = arch.Shape{DModel: 32, Heads: 4, FF: 64, Layers: 2, NormFirst: true, Activation: arch.GELU, Positions: arch.Sinusoidal}

// classifier is the encoder with a sentence head and its loss, in one graph
// built for batches of b sentences of t tokens.
type classifier struct {
	g    *graph.Graph
	b, t int
	// Fed each step: token ids, padding, the row of each [CLS] and the labels.
	ids, pad, cls, labels *graph.Node
	logits, loss          *graph.Watch
	params                []optim.Param[float32]
	trained               []*graph.Param // the graph parameter behind each of params
	opt                   optim.Optimizer[float32]
}

func newClassifier(v vocab, b, t int) (*classifier, error) {
	g, err := graph.New(tensor.Float32, rand.New(rand.NewPCG(seed, 0)))
	if err != nil {
		return nil, err
	}
	s := shape
	s.MaxLen = t
	embed, err := layers.NewEmbedding(g, "embed", len(v.ids), s.DModel, 0.02)
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

	c := &classifier{g: g, b: b, t: t}
	c.ids, c.pad = g.IntInput("ids", b*t), g.Input("pad", b, t)
	c.cls, c.labels = g.IntInput("cls_rows", b), g.Input("labels", b)
	x := pos.Forward(embed.Forward(c.ids))
	hidden, _ := enc.Forward(x, c.pad, b)
	sent := g.Lookup(hidden[len(hidden)-1], c.cls) // [B, D]: each sentence's [CLS] vector
	logits := head.Forward(sent)                   // [B, labels]
	loss := g.CrossEntropy(logits, c.labels)
	c.logits, c.loss = g.Watch(logits), g.Watch(loss)
	if err := g.Compile(loss); err != nil { // the first error of the ops above, if any
		return nil, err
	}
	for _, p := range g.Params() {
		if !p.Trainable() {
			continue
		}
		v := p.Data().([]float32) // the optimizer updates the graph's own buffer
		c.params = append(c.params, optim.Param[float32]{Name: p.Name, Shape: p.Shape, Value: v, Grad: make([]float32, len(v))})
		c.trained = append(c.trained, p)
	}
	c.opt = optim.NewAdamW[float32](optim.AdamConfig{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: 0.01})
	return c, nil
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

// train takes steps AdamW steps on batches drawn from shuffled passes.
func (c *classifier) train(data []example, steps int, w io.Writer) error {
	rng := rand.New(rand.NewPCG(seed, 1))
	order := rng.Perm(len(data))
	for step := 1; step <= steps; step++ {
		if len(order) < c.b {
			order = rng.Perm(len(data))
		}
		batch := make([]example, c.b)
		for i := range batch {
			batch[i] = data[order[i]]
		}
		order = order[c.b:]
		if err := c.feed(batch); err != nil {
			return err
		}
		if err := c.g.Run(); err != nil {
			return err
		}
		for i, p := range c.trained {
			g, err := p.GradData()
			if err != nil {
				return err
			}
			c.params[i].Grad = g.([]float32)
		}
		if err := c.opt.Step(c.params, lr); err != nil {
			return err
		}
		if step%100 == 0 {
			fmt.Fprintf(w, "step %d  loss %.4f\n", step, c.loss.Value()[0])
		}
	}
	return nil
}

// accuracy is the share of examples whose arg-max label is right; wrong, if
// not nil, receives the indices of the others.
func (c *classifier) accuracy(data []example, wrong *[]int) (float64, error) {
	right := 0
	for lo := 0; lo < len(data); lo += c.b {
		batch := data[lo:min(lo+c.b, len(data))]
		if err := c.feed(batch); err != nil {
			return 0, err
		}
		if err := c.g.Run(); err != nil { // gradients too, unused: one graph serves both
			return 0, err
		}
		l, n := c.logits.Value(), len(labels)
		for i, ex := range batch {
			row := l[i*n : (i+1)*n]
			if slices.Index(row, slices.Max(row)) == ex.label {
				right++
			} else if wrong != nil {
				*wrong = append(*wrong, lo+i)
			}
		}
	}
	return float64(right) / float64(len(data)), nil
}
