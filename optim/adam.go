package optim

import (
	"fmt"
	"math"
	"sort"

	"github.com/attendlab/attend/internal/kernels"
)

// AdamConfig configures Adam and AdamW. Every number is used as given (a zero
// beta is a zero beta, as in PyTorch); start from AdamDefaults for PyTorch's
// defaults. A nil Decay means MatricesOnly.
type AdamConfig struct {
	Beta1, Beta2, Eps, WeightDecay float64
	Decay                          DecayFunc
}

// AdamDefaults are torch.optim.Adam's defaults: betas (0.9, 0.999), eps 1e-8,
// no weight decay.
func AdamDefaults() AdamConfig { return AdamConfig{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8} }

// adam implements torch.optim.Adam and, with decoupled set, torch.optim.AdamW.
type adam[T Float] struct {
	core[T]
	cfg       AdamConfig
	decoupled bool
}

// NewAdam returns torch.optim.Adam: L2 weight decay is added to the gradient
// (g += wd*w) for the params the DecayFunc selects, before the moments.
// An invalid configuration is reported by Step and Restore.
func NewAdam[T Float](c AdamConfig) Optimizer[T] { return newAdam[T](c, "adam", false) }

// NewAdamW returns torch.optim.AdamW: the params the DecayFunc selects are
// shrunk by w *= 1 - lr*wd (PyTorch's form of w -= lr*wd*w) before the Adam
// update, so the decay does not pass through the adaptive scaling.
func NewAdamW[T Float](c AdamConfig) Optimizer[T] { return newAdam[T](c, "adamw", true) }

func newAdam[T Float](c AdamConfig, kind string, decoupled bool) *adam[T] {
	if c.Decay == nil {
		c.Decay = MatricesOnly
	}
	o := &adam[T]{
		core:      core[T]{kind: kind, slotNames: []string{"exp_avg", "exp_avg_sq"}},
		cfg:       c,
		decoupled: decoupled,
	}
	switch {
	case !(c.Beta1 >= 0 && c.Beta1 < 1) || !(c.Beta2 >= 0 && c.Beta2 < 1):
		o.cfgErr = fmt.Errorf("optim: %s: betas (%v, %v) must lie in [0, 1)", kind, c.Beta1, c.Beta2)
	case !finiteNonNeg(c.Eps) || !finiteNonNeg(c.WeightDecay):
		o.cfgErr = fmt.Errorf("optim: %s: eps %v and weight decay %v must be finite and non-negative", kind, c.Eps, c.WeightDecay)
	}
	return o
}

// Step implements Optimizer with torch.optim's single-tensor arithmetic:
//
//	t += 1
//	Adam: g += wd*w                  AdamW: w *= 1 - lr*wd
//	m = lerp(m, g, 1-b1)             (b1*m + (1-b1)*g, as torch's exp_avg.lerp_)
//	v = b2*v + (1-b2)*g*g
//	step_size = lr / (1 - b1^t)
//	denom = sqrt(v)/sqrt(1 - b2^t) + eps
//	w += (-step_size*m) / denom      (torch's addcdiv_)
//
// The bias corrections and step size are computed in float64, as Python does,
// and cast to T like every scalar PyTorch passes to a kernel; the element-wise
// work is done in T.
func (o *adam[T]) Step(params []Param[T], lr float64) error {
	if err := o.begin(params, lr); err != nil {
		return err
	}
	o.step++
	c := o.cfg
	t := float64(o.step)
	bc1 := 1 - math.Pow(c.Beta1, t)
	bc2 := 1 - math.Pow(c.Beta2, t)
	var (
		negStep = T(-(lr / bc1))
		bc2Sqrt = T(math.Sqrt(bc2))
		w1      = T(1 - c.Beta1)
		b2      = T(c.Beta2)
		w2      = T(1 - c.Beta2)
		eps     = T(c.Eps)
		wd      = T(c.WeightDecay)
		shrink  = T(1 - lr*c.WeightDecay)
	)
	// The same scalars for the float32 kernel (used only when T is float32).
	k := kernels.AdamStep{W1: float32(w1), B2: float32(b2), W2: float32(w2), BC2Sqrt: float32(bc2Sqrt),
		Eps: float32(eps), NegStep: float32(negStep), Shrink: float32(shrink), WD: float32(wd)}
	for _, p := range params {
		decay := c.WeightDecay != 0 && c.Decay(p.Name, p.Shape)
		m, v := o.slots[p.Name]["exp_avg"], o.slots[p.Name]["exp_avg_sq"]
		k := k
		switch {
		case decay && o.decoupled:
			k.Mode = kernels.DecoupledWD
		case decay:
			k.Mode = kernels.L2WD
		}
		// Elementwise, so any split over workers gives the same bits.
		kernels.ParallelWork(len(p.Grad), 1, func(lo, hi int) {
			start := lo
			if pv, ok := any(p.Value[lo:hi]).([]float32); ok {
				start += adamPrefix32(pv, any(p.Grad).([]float32), any(m[lo:hi]).([]float32), any(v[lo:hi]).([]float32), lo, p, &k)
			}
			for i := start; i < hi; i++ {
				g, w := p.Grad[i], p.Value[i]
				if decay {
					if o.decoupled {
						w = T(w * shrink) // param.mul_(1 - lr*wd)
					} else {
						g += T(wd * w) // grad.add(param, alpha=wd)
					}
				}
				m[i] = lerp(m[i], g, w1)
				v[i] = T(v[i]*b2) + T(T(w2*g)*g) // mul_(b2).addcmul_(g, g, value=1-b2)
				denom := T(sqrt(v[i])/bc2Sqrt) + eps
				p.Value[i] = w + T(negStep*m[i])/denom
			}
		})
	}
	return nil
}

// lerp is PyTorch's CPU lerp(a, b, w), which Adam uses for the first moment;
// it switches form at w = 0.5 to stay accurate for weights near 1.
func lerp[T Float](a, b, w T) T {
	if w < 0.5 {
		return a + T(w*(b-a))
	}
	return b - T((b-a)*(1-w))
}

// sqrt is the correctly rounded square root in T: rounding the float64 root
// of a float32 to float32 gives the correctly rounded float32 root.
func sqrt[T Float](x T) T { return T(math.Sqrt(float64(x))) }

// zeroGrad stands in for the zero rows of a gradient with listed rows (an
// embedding's): read from one small buffer that stays in the cache, not
// from the table-sized gradient, they give the same bits.
var zeroGrad [2048]float32

// adamPrefix32 is kernels.AdamPrefix on w, m and v (the values from lo on)
// with the gradient g[lo:]: the whole gradient, or, when p lists its
// non-zero rows, the gradient's values in the blocks of 8 (counted from lo,
// as AdamPrefix takes them) that hold a listed row and zeroGrad in the
// blocks between. It returns how many values it updated from lo on (all
// but the last few, or fewer without the assembly); the caller does the
// rest in Go.
func adamPrefix32[T Float](w, g, m, v []float32, lo int, p Param[T], k *kernels.AdamStep) int {
	hi := lo + len(w)
	d, rows := listedRows(p)
	if !rows || d == 0 {
		return kernels.AdamPrefix(w, g[lo:hi], m, v, k)
	}
	// run updates [a, b) from gradient values gv, and reports whether it
	// took all of them (false: the caller's Go loop goes on from a + done).
	done := 0
	run := func(a, b int, gv []float32) bool {
		n := kernels.AdamPrefix(w[a-lo:b-lo], gv, m[a-lo:b-lo], v[a-lo:b-lo], k)
		done = a + n - lo
		return n == b-a
	}
	zeros := func(a, b int) bool {
		for ; a < b; a += len(zeroGrad) {
			if !run(a, min(b, a+len(zeroGrad)), zeroGrad[:min(b-a, len(zeroGrad))]) {
				return false
			}
		}
		return true
	}
	down := func(x int) int { return lo + (x-lo)&^7 }        // the block holding x
	up := func(x int) int { return min(hi, lo+(x-lo+7)&^7) } // x rounded up to the end of its block
	at := lo
	for _, r := range p.Rows[sort.SearchInts(p.Rows, lo/d):] {
		a, b := max(at, down(max(r*d, lo))), up(min((r+1)*d, hi))
		if a >= hi {
			break
		}
		if b <= a {
			continue // within a block an earlier row's run took
		}
		if !zeros(at, a) || !run(a, b, g[a:b]) {
			return done
		}
		at = b
	}
	zeros(at, hi)
	return done
}
