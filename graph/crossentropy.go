package graph

import (
	"fmt"
	"math"

	"github.com/attendlab/attend/internal/kernels"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// CrossEntropy is the mean over labelled rows of −log softmax(logits)[label],
// with logits [N, C] and labels [N] (class ids stored as floats; a negative
// label skips its row, as PyTorch's ignore_index -100 does). With no labelled
// row the loss is 0 and so is its gradient. One op computes log-softmax and
// the pick together, which is numerically stable and avoids ByIndices on a
// 1-D input (its gradient is wrong in gorgonia).
func (g *Graph) CrossEntropy(logits, labels *gorgonia.Node) *gorgonia.Node {
	if !g.live("CrossEntropy", logits, labels) {
		return nil
	}
	if logits.Dims() != 2 || labels.Dims() != 1 || logits.Shape()[0] != labels.Shape()[0] {
		return g.fail(fmt.Errorf("CrossEntropy: want logits [N,C] and labels [N], got %v and %v", logits.Shape(), labels.Shape()))
	}
	return g.keep(gorgonia.ApplyOp(crossEntropyOp{opBase{"CrossEntropy", 2}}, logits, labels))
}

type crossEntropyOp struct{ opBase }

func (op crossEntropyOp) Type() hm.Type {
	return hm.NewFnType(tt(2), tt(1), hm.TypeVariable('a'))
}

func (op crossEntropyOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.ScalarShape(), nil
}

func (op crossEntropyOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	ins, err := denses(op.name, in)
	if err != nil {
		return nil, err
	}
	x, y := ins[0], ins[1]
	c := x.Shape()[1]
	var loss float64
	switch x.Dtype() {
	case tensor.Float64:
		xd := x.Float64s()
		loss, err = crossEntropy(xd, y.Float64s(), c, nil)
	case tensor.Float32:
		xd := x.Float32s()
		loss, err = crossEntropy(xd, y.Float32s(), c, nil)
	}
	if err != nil {
		return nil, err
	}
	return newScalar(x.Dtype(), loss), nil
}

func (op crossEntropyOp) DiffWRT(int) []bool { return []bool{true, false} }

func (op crossEntropyOp) SymDiff(in gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dx, err := gorgonia.ApplyOp(crossEntropyGradOp{opBase{"CrossEntropyGrad", 3}, &labelledRows{}}, in[0], in[1], grad)
	return gorgonia.Nodes{dx, nil}, err
}

// crossEntropyGradOp computes g·(softmax(x) − onehot(y))/count on labelled
// rows, zero on the others. Only the labelled rows are non-zero, so a run
// into the buffer of the previous one clears just the rows that run wrote
// and this one leaves unlabelled, not every unlabelled row of a masked-LM
// batch's [N, vocabulary] gradient each step.
type crossEntropyGradOp struct {
	opBase
	last *labelledRows
}

// labelledRows is what the previous run of a crossEntropyGradOp wrote: its
// rows are the ones it labelled.
type labelledRows struct {
	written
	spare []int // this run's rows while rows still holds the last run's
}

func (op crossEntropyGradOp) Type() hm.Type {
	return hm.NewFnType(tt(2), tt(1), hm.TypeVariable('a'), tt(2))
}

func (op crossEntropyGradOp) InferShape(in ...gorgonia.DimSizer) (tensor.Shape, error) {
	return in[0].(tensor.Shape).Clone(), nil
}

func (op crossEntropyGradOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

// UsePreallocDo writes into out when it is given (nil: allocate).
func (op crossEntropyGradOp) UsePreallocDo(prealloc gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	x, out, err := outLike(op.name, prealloc, in[0])
	if err != nil {
		return nil, err
	}
	y, err := dense(op.name, in[1])
	if err != nil {
		return nil, err
	}
	g, err := scalarOf(in[2])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op.name, err)
	}
	c := x.Shape()[1]
	dirty := op.last.dirty(out)
	op.last.out = nil // until this run has written out
	var rows []int
	switch x.Dtype() {
	case tensor.Float64:
		rows = labelled(op.last.spare[:0], y.Float64s())
		_, err = crossEntropy(x.Float64s(), y.Float64s(), c, &ceGrad[float64]{g, out.Float64s(), dirty, rows})
	case tensor.Float32:
		rows = labelled(op.last.spare[:0], y.Float32s())
		_, err = crossEntropy(x.Float32s(), y.Float32s(), c, &ceGrad[float32]{g, out.Float32s(), dirty, rows})
	}
	op.last.rows, op.last.spare = rows, op.last.rows
	if err == nil {
		op.last.out = out
	}
	return out, err
}

// labelled appends the indices of the labelled rows to rows: those
// crossEntropy computes (int(label) >= 0).
func labelled[T Float](rows []int, labels []T) []int {
	for r, l := range labels {
		if int(l) >= 0 {
			rows = append(rows, r)
		}
	}
	return rows
}

type ceGrad[T Float] struct {
	scale float64
	dx    []T
	dirty []int // rows of dx that may be non-zero before; nil: any
	rows  []int // the labelled rows, which it computes
}

// crossEntropy returns the mean loss or, when grad is set, writes the
// gradient of scale·loss into grad.dx instead (and returns 0). Only labelled
// rows are computed (a masked-LM batch labels about one row in six); their
// exponentials go through kernels.ExpSub, 8 lanes at a time in float32.
func crossEntropy[T Float](x, labels []T, c int, grad *ceGrad[T]) (float64, error) {
	count := 0
	for r, l := range labels {
		label := int(l)
		if label < 0 {
			continue
		}
		if label >= c {
			return 0, fmt.Errorf("CrossEntropy: row %d has label %d outside [0,%d)", r, label, c)
		}
		count++
	}
	if grad != nil {
		clearUnlabelled(grad.dx, labels, c, grad.dirty)
	}
	if count == 0 {
		return 0, nil
	}
	if grad != nil {
		crossEntropyGrad(x, labels, c, grad)
		return 0, nil
	}
	var total float64
	e := make([]T, c)
	for r, l := range labels {
		label := int(l)
		if label < 0 {
			continue
		}
		row := x[r*c : (r+1)*c]
		maxv := rowMax(row)
		copy(e, row)
		kernels.ExpSub(e, maxv)
		var sum float64
		for _, v := range e {
			sum += float64(v)
		}
		lse := float64(maxv) + math.Log(sum)
		total += lse - float64(row[label])
	}
	return total / float64(count), nil
}

// crossEntropyGrad writes softmax − onehot, times scale/count, into the
// labelled rows of grad.dx (count of them): rows are independent, so the
// workers share them and the bits do not depend on the split.
func crossEntropyGrad[T Float](x, labels []T, c int, grad *ceGrad[T]) {
	count := len(grad.rows)
	parallel(count, c, func(lo, hi int) {
		for _, r := range grad.rows[lo:hi] {
			label := int(labels[r])
			row, e := x[r*c:(r+1)*c], grad.dx[r*c:(r+1)*c]
			copy(e, row)
			kernels.ExpSub(e, rowMax(row))
			var sum float64
			for _, v := range e {
				sum += float64(v)
			}
			// softmax = e^(x−max)/sum; the gradient of scale·mean loss.
			k := T(grad.scale / float64(count) / sum)
			for j := range e {
				e[j] *= k
			}
			e[label] -= T(grad.scale / float64(count))
		}
	})
}

// rowMax is the largest of row (NaN if any is), as a max(m, v) loop
// computes it: Go's max is associative and commutative, +0 above -0 and NaN
// absorbing, so four running maxima give the same bits with a quarter of
// the loop's dependency chain.
func rowMax[T Float](row []T) T {
	m0, m1, m2, m3 := row[0], row[0], row[0], row[0]
	i := 1
	for ; i+4 <= len(row); i += 4 {
		m0, m1, m2, m3 = max(m0, row[i]), max(m1, row[i+1]), max(m2, row[i+2]), max(m3, row[i+3])
	}
	for ; i < len(row); i++ {
		m0 = max(m0, row[i])
	}
	return max(max(m0, m1), max(m2, m3))
}

// clearUnlabelled zeroes the gradient rows that no label reaches: of the
// dirty rows when they are known (the others are zero already), else all.
func clearUnlabelled[T Float](dx, labels []T, c int, dirty []int) {
	if dirty == nil {
		for r, l := range labels {
			if int(l) < 0 {
				clear(dx[r*c : (r+1)*c])
			}
		}
		return
	}
	for _, r := range dirty {
		if int(labels[r]) < 0 {
			clear(dx[r*c : (r+1)*c])
		}
	}
}
