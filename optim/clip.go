package optim

import (
	"math"

	"github.com/attendlab/attend/internal/kernels"
)

// clipEps is added to the norm before dividing, as clip_grad_norm_ does, so
// that a zero norm cannot divide by zero.
const clipEps = 1e-6

// ClipGradNorm rescales the gradients of params in place so that their global
// L2 norm is at most maxNorm, like torch.nn.utils.clip_grad_norm_, and returns
// the pre-clip global norm, accumulated in float64.
//
// As in PyTorch the scale is maxNorm/(total+1e-6), clamped to 1: grads are
// scaled whenever that coefficient is below 1, which is when total exceeds
// maxNorm (or lies within 1e-6 of it). maxNorm <= 0 disables clipping but
// still returns the norm. A non-finite norm is returned and the grads are left
// unchanged, so the caller can detect it and skip the step.
func ClipGradNorm[T Float](params []Param[T], maxNorm float64) float64 {
	var sum float64
	for _, p := range params {
		sum += sumSquares(p)
	}
	total := math.Sqrt(sum)
	if !(maxNorm > 0) || math.IsNaN(total) || math.IsInf(total, 0) {
		return total
	}
	coef := maxNorm / (total + clipEps)
	if coef >= 1 {
		return total
	}
	s := T(coef)
	for _, p := range params {
		if d, ok := listedRows(p); ok {
			for _, r := range p.Rows {
				scale(p.Grad[r*d:(r+1)*d], s)
			}
			continue
		}
		g := p.Grad
		kernels.ParallelWork(len(g), 1, func(lo, hi int) { scale(g[lo:hi], s) })
	}
	return total
}

// sumSquares is Σ g² over p's gradient in float64, reading only p.Rows when
// set: zero rows add nothing, so the sum has the same bits either way.
func sumSquares[T Float](p Param[T]) float64 {
	d, rows := listedRows(p)
	if g, ok := any(p.Grad).([]float32); ok {
		if rows {
			return kernels.SumSquaresRows(g, d, p.Rows)
		}
		return kernels.SumSquares(g)
	}
	var sum float64
	add := func(g []T) {
		for _, v := range g {
			sum += float64(v) * float64(v)
		}
	}
	if !rows {
		add(p.Grad)
		return sum
	}
	for _, r := range p.Rows {
		add(p.Grad[r*d : (r+1)*d])
	}
	return sum
}

// listedRows reports whether p.Rows lists p's non-zero rows, and their
// length. Rows that break the contract are not used (Step reports them).
func listedRows[T Float](p Param[T]) (d int, ok bool) {
	if p.Rows == nil || len(p.Shape) == 0 || p.Shape[0] == 0 || checkRows(p.Rows, p.Shape) != nil {
		return 0, false
	}
	return len(p.Grad) / p.Shape[0], true
}

// scale multiplies g by s in place, one product per element.
func scale[T Float](g []T, s T) {
	if g32, ok := any(g).([]float32); ok {
		kernels.Scale(g32, float32(s))
		return
	}
	for i := range g {
		g[i] *= s
	}
}
