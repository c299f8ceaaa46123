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
		if g, ok := any(p.Grad).([]float32); ok {
			sum += kernels.SumSquares(g)
			continue
		}
		for _, g := range p.Grad {
			sum += float64(g) * float64(g)
		}
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
		g := p.Grad
		if g32, ok := any(g).([]float32); ok {
			kernels.ParallelWork(len(g), 1, func(lo, hi int) { kernels.Scale(g32[lo:hi], float32(s)) })
			continue
		}
		kernels.ParallelWork(len(g), 1, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				g[i] *= s
			}
		})
	}
	return total
}
