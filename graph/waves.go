package graph

import (
	"sync/atomic"

	"github.com/attendlab/attend/internal/kernels"
)

// Waves: the ops of a compiled graph grouped by depth (an op's wave is one
// past its deepest input's), so that the ops of one wave never read each
// other's values. A wave whose work is shared out evenly enough (a linear
// layer's dx, dW and db; a layer norm's three gradients and the residual's
// sum) runs its ops side by side on the kernels' pool, one op per worker, each
// op alone on its goroutine (its own splits then run serially: the pool
// is taken). Each op's arithmetic is the same whichever way it runs and
// whoever runs it, so the bits are too.

// concurrent says whether balanced waves run their ops side by side: on
// unless a test or benchmark turns it off to compare. (It was off while a
// masked-LM run differed after a resume: the bias gradient's column sums took
// a vector path or a Go loop by the width of a worker's part, and a wave takes
// the pool, so its parts were cut otherwise. colSum now chooses by the width
// of the whole.)
var concurrent atomic.Bool

func init() { concurrent.Store(true) }

// SetConcurrent says whether the executor runs the independent ops of a wave
// side by side, and returns the previous setting: for tests and benchmarks
// that compare with the one-op-at-a-time executor. Results are the same bits
// either way.
func SetConcurrent(on bool) (was bool) { return concurrent.Swap(on) }

// costly is an op's work estimate in multiply-adds, for ops whose work is
// not about their output's size (products).
type costly interface{ cost() int }

func (op linearOp) cost() int        { return op.d.m * op.d.n * op.d.k }
func (op gemmOp) cost() int          { return op.d.m * op.d.n * op.d.k }
func (op attentionOp) cost() int     { return op.d.batch * op.d.heads * op.d.t * op.d.t * op.d.dk * 2 }
func (op attentionGradOp) cost() int { return op.d.batch * op.d.heads * op.d.t * op.d.t * op.d.dk * 4 }

// wave is a group of op steps (indices into program.steps) run side by side.
type wave struct {
	steps []int
	side  bool             // run concurrently; otherwise one after another
	run   func(lo, hi int) // runs steps[lo:hi] into errs, made once
	errs  []error
}

// planWaves groups the op steps by depth, in topological order within a wave,
// and marks the waves worth running side by side: two or more ops of which
// the costliest does no more work than all the others together, so that two
// workers get comparable shares.
func (p *program) planWaves() {
	depth := make([]int, len(p.steps))
	var byDepth [][]int
	for i, s := range p.steps {
		if s.op == nil {
			continue
		}
		d := 0
		for _, k := range s.in {
			d = max(d, depth[k])
		}
		depth[i] = d + 1
		for len(byDepth) < d+1 {
			byDepth = append(byDepth, nil)
		}
		byDepth[d] = append(byDepth[d], i)
	}
	p.waves = p.waves[:0]
	for _, steps := range byDepth {
		total, most := 0, 0
		for _, i := range steps {
			c := p.steps[i].cost()
			total += c
			most = max(most, c)
		}
		w := wave{steps: steps, side: len(steps) > 1 && 2*most <= total, errs: make([]error, len(steps))}
		w.run = func(lo, hi int) {
			for j := lo; j < hi; j++ {
				w.errs[j] = p.runStep(w.steps[j])
			}
		}
		p.waves = append(p.waves, w)
	}
}

// cost is the step's work estimate: the op's own, else its output's size.
func (s *step) cost() int {
	if c, ok := s.op.(costly); ok {
		return c.cost()
	}
	return max(1, s.node.Shape().TotalSize())
}

// runWave runs a wave's ops, side by side when it is marked so and the
// executor is concurrent. An error is the first in the wave's order.
func (p *program) runWave(w *wave) error {
	if !w.side || !concurrent.Load() {
		for _, i := range w.steps {
			if err := p.runStep(i); err != nil {
				return err
			}
		}
		return nil
	}
	kernels.Parallel(len(w.steps), len(w.steps), w.run)
	for _, err := range w.errs {
		if err != nil {
			clear(w.errs)
			return err
		}
	}
	return nil
}
