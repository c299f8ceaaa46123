package graph

import "github.com/attendlab/attend/internal/kernels"

// The per-head arithmetic of the fused attention op (attention.go).

// attnForward runs every (batch, head) unit, split over workers.
// attnForward runs every (batch, head) unit, split over workers. scratch
// (the size of probs) holds the dropped-out weights.
func attnForward[T Float](d attnDims, qkv, pad, drop, probs, scratch, out []T) {
	parallel(d.batch*d.heads, d.t*d.t*d.dk, func(lo, hi int) {
		for u := lo; u < hi; u++ {
			attnForwardHead(d, u, qkv, pad, drop, probs, scratch, out)
		}
	})
}

// headView locates unit u = b·H + h: its first token row, its Q, K and V
// column offsets in qkv, its output column offset, and its probs block.
func (d attnDims) headView(u int) (row, q, k, v, o, p int) {
	b, h := u/d.heads, u%d.heads
	w := d.width()
	return b * d.t, h * d.dk, w + h*d.dk, 2*w + h*d.dk, h * d.dk, u * d.t * d.t
}

// The products of one head are small matrix products (kernels.GemmAdd) on
// the head's queries, keys and values read in place: rows 3D apart in qkv,
// starting at the sequence's first token; its probs are a contiguous T×T block.

func attnForwardHead[T Float](d attnDims, u int, qkv, pad, drop, probs, scratch, out []T) {
	row, qc, kc, vc, oc, pb := d.headView(u)
	w3, w, n := 3*d.width(), d.width(), d.t
	scale := T(d.scale)
	keyPad := pad[row : row+n]
	pr := probs[pb:][:n*n]
	clear(pr)
	kernels.GemmAdd(false, true, n, n, d.dk, qkv[row*w3+qc:], w3, qkv[row*w3+kc:], w3, pr, n) // Q·Kᵀ
	kernels.SoftmaxRows(pr, n, scale, keyPad)
	wt := pr
	if drop != nil {
		wt = scratch[pb:][:n*n]
		for j := range wt {
			wt[j] = pr[j] * drop[pb+j]
		}
	}
	o := out[row*w+oc:]
	for i := 0; i < n; i++ {
		clear(o[i*w:][:d.dk])
	}
	kernels.GemmAdd(false, false, n, d.dk, n, wt, n, qkv[row*w3+vc:], w3, o, w) // W·V
}

// attnBackward: with W = P ⊙ drop and upstream G = dOut,
// dV = Wᵀ·G, dP = (G·Vᵀ) ⊙ drop, dS = P ⊙ (dP − rowsum(dP ⊙ P)),
// dQ = dS·K · scale, dK = dSᵀ·Q · scale.
func attnBackward[T Float](d attnDims, qkv, drop, probs, ds, dOut, dqkv []T) {
	clear(dqkv) // every element belongs to one head's Q, K or V block, which adds into it
	parallel(d.batch*d.heads, 2*d.t*d.t*d.dk, func(lo, hi int) {
		for u := lo; u < hi; u++ {
			attnBackwardHead(d, u, qkv, drop, probs, ds, dOut, dqkv)
		}
	})
}

func attnBackwardHead[T Float](d attnDims, u int, qkv, drop, probs, ds, dOut, dqkv []T) {
	row, qc, kc, vc, oc, pb := d.headView(u)
	w3, w, n := 3*d.width(), d.width(), d.t
	scale := T(d.scale)
	q, keys, values := qkv[row*w3+qc:], qkv[row*w3+kc:], qkv[row*w3+vc:]
	dq, dKeys, dValues := dqkv[row*w3+qc:], dqkv[row*w3+kc:], dqkv[row*w3+vc:]
	g := dOut[row*w+oc:]
	p, dp := probs[pb:][:n*n], ds[pb:][:n*n]
	// dV = Wᵀ·G, with W = P ⊙ drop held in dp for the moment.
	wt := p
	if drop != nil {
		for j := range dp {
			dp[j] = p[j] * drop[pb+j]
		}
		wt = dp
	}
	kernels.GemmAdd(true, false, n, d.dk, n, wt, n, g, w, dValues, w3)
	clear(dp)
	kernels.GemmAdd(false, true, n, n, d.dk, g, w, values, w3, dp, n) // G·Vᵀ
	if drop != nil {
		for j := range dp {
			dp[j] *= drop[pb+j]
		}
	}
	kernels.SoftmaxGradRows(p, dp, n, scale)
	kernels.GemmAdd(false, false, n, d.dk, n, dp, n, keys, w3, dq, w3) // dS·K
	kernels.GemmAdd(true, false, n, d.dk, n, dp, n, q, w3, dKeys, w3)  // dSᵀ·Q
}
