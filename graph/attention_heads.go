package graph

import "github.com/attendlab/attend/kernels"

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

// The products of one head are row products (kernels/rows.go) over the head's keys
// or values read in place: rows 3D apart in qkv, starting at the sequence's
// first token.

func attnForwardHead[T Float](d attnDims, u int, qkv, pad, drop, probs, scratch, out []T) {
	row, qc, kc, vc, oc, pb := d.headView(u)
	w3, w, n := 3*d.width(), d.width(), d.t
	scale := T(d.scale)
	keyPad := pad[row : row+n]
	keys, values := qkv[row*w3+kc:], qkv[row*w3+vc:]
	for i := 0; i < n; i++ {
		q := qkv[(row+i)*w3+qc:][:d.dk]
		p := probs[pb+i*n:][:n]
		kernels.DotRows(p, q, keys, w3)
		maxv, any := T(0), false
		for j := range p {
			if keyPad[j] != 0 {
				p[j] = 0
				continue
			}
			s := p[j] * scale
			p[j] = s
			if !any || s > maxv {
				maxv, any = s, true
			}
		}
		o := out[(row+i)*w+oc:][:d.dk]
		clear(o)
		if !any {
			continue // every key is padding: zero probs, zero output
		}
		kernels.ExpSub(p, maxv)
		var sum T
		for j := range p {
			if keyPad[j] != 0 {
				p[j] = 0
			} else {
				sum += p[j]
			}
		}
		for j := range p {
			p[j] /= sum
		}
		wt := p
		if drop != nil {
			wt = scratch[pb+i*n:][:n]
			for j := range wt {
				wt[j] = p[j] * drop[pb+i*n+j]
			}
		}
		kernels.AxpyRows(o, wt, values, w3)
	}
}

// attnBackward: with W = P ⊙ drop and upstream G = dOut,
// dV = Wᵀ·G, dP = (G·Vᵀ) ⊙ drop, dS = P ⊙ (dP − rowsum(dP ⊙ P)),
// dQ = dS·K · scale, dK = dSᵀ·Q · scale.
func attnBackward[T Float](d attnDims, qkv, drop, probs, ds, dOut, dqkv []T) {
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
	for i := 0; i < n; i++ {
		for _, c := range [3]int{qc, kc, vc} {
			clear(dqkv[(row+i)*w3+c:][:d.dk])
		}
	}
	keys, values := qkv[row*w3+kc:], qkv[row*w3+vc:]
	dKeys, dValues := dqkv[row*w3+kc:], dqkv[row*w3+vc:]
	for i := 0; i < n; i++ {
		g := dOut[(row+i)*w+oc:][:d.dk]
		p := probs[pb+i*n:][:n]
		dp := ds[pb+i*n:][:n]
		// dV_j += W_ij·g, with W's row held in dp for the moment.
		copy(dp, p)
		if drop != nil {
			for j := range dp {
				dp[j] *= drop[pb+i*n+j]
			}
		}
		kernels.AddOuter(dValues, w3, dp, g)
		kernels.DotRows(dp, g, values, w3)
		var rowDot T
		for j := range p {
			if p[j] == 0 {
				dp[j] = 0
				continue
			}
			if drop != nil {
				dp[j] *= drop[pb+i*n+j]
			}
			rowDot += dp[j] * p[j]
		}
		for j := range dp {
			dp[j] = p[j] * (dp[j] - rowDot) * scale
		}
		q := qkv[(row+i)*w3+qc:][:d.dk]
		kernels.AxpyRows(dqkv[(row+i)*w3+qc:][:d.dk], dp, keys, w3)
		kernels.AddOuter(dKeys, w3, dp, q)
	}
}
