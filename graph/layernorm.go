package graph

import (
	"fmt"
	"math"

	"github.com/attendlab/attend/internal/kernels"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// LayerNorm normalises each row of x [N, D] to zero mean and unit variance,
// then scales by gain and shifts by bias (both [1, D] rows), as PyTorch:
//
//	mean = Σ x / D,  var = Σ (x − mean)² / D (biased),  rstd = 1/√(var + eps)
//	y    = (x − mean) · rstd · gain + bias
//
// One op does the forward pass and keeps mean and rstd; one backward op
// computes all three gradients from them, and two read-out nodes (readKept)
// hand gorgonia the gain's and the bias's. Rows run in parallel; the gain and bias gradients
// sum the rows in a fixed order, so they do not depend on the worker count.
func (g *Graph) LayerNorm(x, gain, bias *gorgonia.Node, eps float64) *gorgonia.Node {
	if !g.live("layer norm", x, gain, bias) {
		return nil
	}
	if x.Dims() != 2 {
		return g.fail(fmt.Errorf("layer norm: want x [N,D], got %v", x.Shape()))
	}
	n, d := x.Shape()[0], x.Shape()[1]
	for _, p := range []*gorgonia.Node{gain, bias} {
		if !p.Shape().Eq(tensor.Shape{1, d}) {
			return g.fail(fmt.Errorf("layer norm: gain and bias must be [1,%d], got %v", d, p.Shape()))
		}
	}
	g.nOps++
	op := layerNormOp{opBase{fmt.Sprintf("LayerNorm#%d{%d,%d,%g}", g.nOps, n, d, eps), 3}, lnDims{n, d, eps}, &lnState{}}
	return g.keep(gorgonia.ApplyOp(op, x, gain, bias))
}

type lnDims struct {
	n, d int
	eps  float64
}

// lnState is what the forward pass keeps (mean, rstd per row) and what the
// backward pass leaves for the read-out nodes (gain and bias gradients).
type lnState struct {
	mean64, rstd64, dGain64, dBias64 []float64
	mean32, rstd32, dGain32, dBias32 []float32
}

type layerNormOp struct {
	opBase
	d  lnDims
	st *lnState
}

func (op layerNormOp) Type() hm.Type { return fnType(tt(2), 2, 2, 2) }
func (op layerNormOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.Shape{op.d.n, op.d.d}, nil
}
func (op layerNormOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

func (op layerNormOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	ins, err := denses(op.name, in)
	if err != nil {
		return nil, err
	}
	y, err := outOf(op.name, out, ins[0], op.d.n, op.d.d)
	if err != nil {
		return nil, err
	}
	switch ins[0].Dtype() {
	case tensor.Float64:
		x := ins[0].Float64s()
		op.st.mean64, op.st.rstd64 = grow(op.st.mean64, op.d.n), grow(op.st.rstd64, op.d.n)
		lnForward(op.d, math.Sqrt, x, ins[1].Float64s(), ins[2].Float64s(), op.st.mean64, op.st.rstd64, y.Float64s())
	case tensor.Float32:
		x := ins[0].Float32s()
		op.st.mean32, op.st.rstd32 = grow(op.st.mean32, op.d.n), grow(op.st.rstd32, op.d.n)
		lnForward(op.d, sqrt32, x, ins[1].Float32s(), ins[2].Float32s(), op.st.mean32, op.st.rstd32, y.Float32s())
	}
	return y, nil
}

func (op layerNormOp) DiffWRT(int) []bool { return []bool{true, true, true} }

func (op layerNormOp) SymDiff(in gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dx, err := gorgonia.ApplyOp(lnGradOp{opBase{"Grad" + op.name, 3}, op.d, op.st}, in[0], in[1], grad)
	if err != nil {
		return nil, err
	}
	row := tensor.Shape{1, op.d.d}
	st := op.st
	dGain, err := readKept("GainGrad"+op.name, dx, row, func() ([]float32, []float64) { return st.dGain32, st.dGain64 })
	if err != nil {
		return nil, err
	}
	dBias, err := readKept("BiasGrad"+op.name, dx, row, func() ([]float32, []float64) { return st.dBias32, st.dBias64 })
	return gorgonia.Nodes{dx, dGain, dBias}, err
}

// lnGradOp maps (x, gain, dy) to dx, leaving the gain and bias gradients in
// the state: with x̂ = (x − mean)·rstd and ĝ = dy ⊙ gain,
// dx = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂)), dgain = Σ_rows dy ⊙ x̂, dbias = Σ_rows dy.
type lnGradOp struct {
	opBase
	d  lnDims
	st *lnState
}

func (op lnGradOp) Type() hm.Type { return fnType(tt(2), 2, 2, 2) }
func (op lnGradOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.Shape{op.d.n, op.d.d}, nil
}
func (op lnGradOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	return op.UsePreallocDo(nil, in...)
}

func (op lnGradOp) UsePreallocDo(out gorgonia.Value, in ...gorgonia.Value) (gorgonia.Value, error) {
	ins, err := denses(op.name, in)
	if err != nil {
		return nil, err
	}
	dx, err := outOf(op.name, out, ins[0], op.d.n, op.d.d)
	if err != nil {
		return nil, err
	}
	switch ins[0].Dtype() {
	case tensor.Float64:
		x := ins[0].Float64s()
		if len(op.st.rstd64) != op.d.n {
			return nil, fmt.Errorf("%s: backward before forward", op.name)
		}
		op.st.dGain64, op.st.dBias64 = grow(op.st.dGain64, op.d.d), grow(op.st.dBias64, op.d.d)
		lnBackward(op.d, x, ins[1].Float64s(), ins[2].Float64s(), op.st.mean64, op.st.rstd64, dx.Float64s(), op.st.dGain64, op.st.dBias64)
	case tensor.Float32:
		x := ins[0].Float32s()
		if len(op.st.rstd32) != op.d.n {
			return nil, fmt.Errorf("%s: backward before forward", op.name)
		}
		op.st.dGain32, op.st.dBias32 = grow(op.st.dGain32, op.d.d), grow(op.st.dBias32, op.d.d)
		lnBackward(op.d, x, ins[1].Float32s(), ins[2].Float32s(), op.st.mean32, op.st.rstd32, dx.Float32s(), op.st.dGain32, op.st.dBias32)
	}
	return dx, nil
}

func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }

func lnForward[T Float](d lnDims, sqrt func(T) T, x, gain, bias, mean, rstd, y []T) {
	eps, inv := T(d.eps), 1/T(d.d)
	parallel(d.n, 3*d.d, func(lo, hi int) {
		if f32, ok := any(x).([]float32); ok && kernels.LayerNormRows(d.d, f32[lo*d.d:hi*d.d], any(gain).([]float32),
			any(bias).([]float32), any(y[lo*d.d:hi*d.d]).([]float32), any(mean[lo:hi]).([]float32), any(rstd[lo:hi]).([]float32), float32(eps)) {
			return
		}
		for r := lo; r < hi; r++ {
			row, out := x[r*d.d:][:d.d], y[r*d.d:][:d.d]
			var m, v T
			for _, a := range row {
				m += a
			}
			m *= inv
			for _, a := range row {
				v += (a - m) * (a - m)
			}
			s := 1 / sqrt(v*inv+eps)
			mean[r], rstd[r] = m, s
			for j, a := range row {
				out[j] = (a-m)*s*gain[j] + bias[j]
			}
		}
	})
}

func lnBackward[T Float](d lnDims, x, gain, dy, mean, rstd, dx, dGain, dBias []T) {
	inv := 1 / T(d.d)
	parallel(d.n, 4*d.d, func(lo, hi int) {
		if f32, ok := any(x).([]float32); ok && kernels.LayerNormGradRows(d.d, f32[lo*d.d:hi*d.d], any(gain).([]float32),
			any(dy[lo*d.d:hi*d.d]).([]float32), any(mean[lo:hi]).([]float32), any(rstd[lo:hi]).([]float32), any(dx[lo*d.d:hi*d.d]).([]float32)) {
			return
		}
		for r := lo; r < hi; r++ {
			row, g, out := x[r*d.d:][:d.d], dy[r*d.d:][:d.d], dx[r*d.d:][:d.d]
			m, s := mean[r], rstd[r]
			var sg, sgx T // Σ ĝ and Σ ĝ·x̂
			for j, a := range row {
				gh := g[j] * gain[j]
				sg += gh
				sgx += gh * (a - m) * s
			}
			sg *= inv
			sgx *= inv
			for j, a := range row {
				out[j] = s * (g[j]*gain[j] - sg - (a-m)*s*sgx)
			}
		}
	})
	// The row sums run in one fixed order, whatever the worker count.
	clear(dGain)
	clear(dBias)
	if f32, ok := any(x).([]float32); ok && kernels.LayerNormParamGrad(d.d, f32, any(dy).([]float32),
		any(mean).([]float32), any(rstd).([]float32), any(dGain).([]float32), any(dBias).([]float32)) {
		return
	}
	for r := 0; r < d.n; r++ {
		row, g := x[r*d.d:][:d.d], dy[r*d.d:][:d.d]
		m, s := mean[r], rstd[r]
		for j, a := range row {
			dGain[j] += g[j] * (a - m) * s
			dBias[j] += g[j]
		}
	}
}
