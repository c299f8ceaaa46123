package graph

// The per-head arithmetic of the fused attention op (attention.go).

// attnForward runs every (batch, head) unit, split over workers.
func attnForward[T Float](d attnDims, exp func(T) T, qkv, pad, drop, probs, out []T) {
	parallel(d.batch*d.heads, d.t*d.t*d.dk, func(lo, hi int) {
		for u := lo; u < hi; u++ {
			attnForwardHead(d, u, exp, qkv, pad, drop, probs, out)
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

func attnForwardHead[T Float](d attnDims, u int, exp func(T) T, qkv, pad, drop, probs, out []T) {
	row, qc, kc, vc, oc, pb := d.headView(u)
	w3, w, n := 3*d.width(), d.width(), d.t
	scale := T(d.scale)
	keyPad := pad[row : row+n]
	for i := 0; i < n; i++ {
		q := qkv[(row+i)*w3+qc:][:d.dk]
		p := probs[pb+i*n:][:n]
		maxv, any := T(0), false
		for j := range p {
			if keyPad[j] != 0 {
				p[j] = 0
				continue
			}
			s := dot(q, qkv[(row+j)*w3+kc:][:d.dk]) * scale
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
		var sum T
		for j := range p {
			if keyPad[j] == 0 {
				p[j] = exp(p[j] - maxv)
				sum += p[j]
			}
		}
		for j := range p {
			p[j] /= sum
			wt := p[j]
			if drop != nil {
				wt *= drop[pb+i*n+j]
			}
			if wt != 0 {
				axpy(wt, qkv[(row+j)*w3+vc:][:d.dk], o)
			}
		}
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
	for i := 0; i < n; i++ {
		g := dOut[(row+i)*w+oc:][:d.dk]
		p := probs[pb+i*n:][:n]
		dp := ds[pb+i*n:][:n]
		var rowDot T
		for j := range p {
			if p[j] == 0 {
				dp[j] = 0
				continue
			}
			wt, m := p[j], T(1)
			if drop != nil {
				m = drop[pb+i*n+j]
				wt *= m
			}
			axpy(wt, g, dqkv[(row+j)*w3+vc:][:d.dk])
			dp[j] = dot(g, qkv[(row+j)*w3+vc:][:d.dk]) * m
			rowDot += dp[j] * p[j]
		}
		q := qkv[(row+i)*w3+qc:][:d.dk]
		dq := dqkv[(row+i)*w3+qc:][:d.dk]
		for j := range p {
			if p[j] == 0 {
				continue
			}
			s := p[j] * (dp[j] - rowDot) * scale
			axpy(s, qkv[(row+j)*w3+kc:][:d.dk], dq)
			axpy(s, q, dqkv[(row+j)*w3+kc:][:d.dk])
		}
	}
}
