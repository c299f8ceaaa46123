package graph

import (
	"fmt"
	"math"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// maskedSoftmax turns attention scores [B*H, Tq, Tk] into probabilities over the
// last axis, giving probability exactly 0 to padded keys. pad is [B, Tk] with 1
// on padding; rows b*H..b*H+H-1 of scores share row b of pad. A custom op takes
// the mask directly because broadcasting a [B,1,1,T] mask over [B,H,T,T] hits a
// gorgonia gradient bug (4-D broadcast on axes {1,2}). A row whose keys are all
// padding gets all zeros rather than NaN.
func (g *Graph) maskedSoftmax(scores, pad *gorgonia.Node, heads int) *gorgonia.Node {
	if !g.live("MaskedSoftmax", scores, pad) {
		return nil
	}
	if scores.Dims() != 3 || pad.Dims() != 2 {
		return g.fail(fmt.Errorf("MaskedSoftmax: want scores [B*H,T,T] and pad [B,T], got %v and %v", scores.Shape(), pad.Shape()))
	}
	s, p := scores.Shape(), pad.Shape()
	if s[0] != p[0]*heads || s[2] != p[1] {
		return g.fail(fmt.Errorf("MaskedSoftmax: scores %v do not match pad %v with %d heads", s, p, heads))
	}
	op := maskedSoftmaxOp{opBase{fmt.Sprintf("MaskedSoftmax{h=%d}", heads), 2}, heads}
	return g.keep(gorgonia.ApplyOp(op, scores, pad))
}

type maskedSoftmaxOp struct {
	opBase
	heads int
}

func (op maskedSoftmaxOp) Type() hm.Type {
	return hm.NewFnType(tt(3), gorgonia.TensorType{Dims: 2, Of: hm.TypeVariable('a')}, tt(3))
}

func (op maskedSoftmaxOp) InferShape(in ...gorgonia.DimSizer) (tensor.Shape, error) {
	return in[0].(tensor.Shape).Clone(), nil
}

func (op maskedSoftmaxOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	s, err := dense(op.name, in[0])
	if err != nil {
		return nil, err
	}
	pad, err := dense(op.name, in[1])
	if err != nil {
		return nil, err
	}
	sh := s.Shape()
	out := newLike(s, sh...)
	switch s.Dtype() {
	case tensor.Float64:
		sd := s.Float64s()
		maskedSoftmax(sd, pad.Float64s(), out.Float64s(), sh[0], sh[1], sh[2], op.heads)
	case tensor.Float32:
		sd := s.Float32s()
		maskedSoftmax(sd, pad.Float32s(), out.Float32s(), sh[0], sh[1], sh[2], op.heads)
	}
	return out, nil
}

func (op maskedSoftmaxOp) DiffWRT(int) []bool { return []bool{true, false} }

// SymDiff: with p = softmax(s) and upstream g, ds = p ⊙ (g − Σ_k g·p) per row.
func (op maskedSoftmaxOp) SymDiff(_ gorgonia.Nodes, out, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	ds, err := gorgonia.ApplyOp(softmaxGradOp{opBase{"SoftmaxGrad", 2}}, out, grad)
	return gorgonia.Nodes{ds, nil}, err
}

func maskedSoftmax[T Float](s, pad, p []T, n, tq, tk, heads int) {
	for i := 0; i < n; i++ {
		mask := pad[(i/heads)*tk : (i/heads+1)*tk]
		for q := 0; q < tq; q++ {
			row := s[(i*tq+q)*tk : (i*tq+q+1)*tk]
			dst := p[(i*tq+q)*tk : (i*tq+q+1)*tk]
			maxv := math.Inf(-1)
			for k, v := range row {
				if mask[k] == 0 && float64(v) > maxv {
					maxv = float64(v)
				}
			}
			if math.IsInf(maxv, -1) {
				continue // every key is padding: leave zeros
			}
			var sum float64
			for k, v := range row {
				if mask[k] != 0 {
					dst[k] = 0
					continue
				}
				e := math.Exp(float64(v) - maxv)
				dst[k] = T(e)
				sum += e
			}
			for k := range dst {
				dst[k] = T(float64(dst[k]) / sum)
			}
		}
	}
}

// softmaxGradOp is the backward of a softmax over the last axis of a 3-D tensor.
type softmaxGradOp struct{ opBase }

func (op softmaxGradOp) Type() hm.Type { return fnType(tt(3), 3, 3) }

func (op softmaxGradOp) InferShape(in ...gorgonia.DimSizer) (tensor.Shape, error) {
	return in[0].(tensor.Shape).Clone(), nil
}

func (op softmaxGradOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	p, err := dense(op.name, in[0])
	if err != nil {
		return nil, err
	}
	g, err := dense(op.name, in[1])
	if err != nil {
		return nil, err
	}
	sh := p.Shape()
	out := newLike(p, sh...)
	k := sh[len(sh)-1]
	switch p.Dtype() {
	case tensor.Float64:
		pd := p.Float64s()
		softmaxBackward(pd, g.Float64s(), out.Float64s(), k)
	case tensor.Float32:
		pd := p.Float32s()
		softmaxBackward(pd, g.Float32s(), out.Float32s(), k)
	}
	return out, nil
}

func softmaxBackward[T Float](p, g, ds []T, k int) {
	for r := 0; r+k <= len(p); r += k {
		var dot float64
		for j := r; j < r+k; j++ {
			dot += float64(g[j]) * float64(p[j])
		}
		for j := r; j < r+k; j++ {
			ds[j] = T(float64(p[j]) * (float64(g[j]) - dot))
		}
	}
}
