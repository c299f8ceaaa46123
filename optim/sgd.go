package optim

import (
	"fmt"
	"math"
)

// SGDConfig configures stochastic gradient descent as torch.optim.SGD with
// dampening 0 and no Nesterov momentum. A nil Decay means MatricesOnly.
type SGDConfig struct {
	Momentum    float64
	WeightDecay float64
	Decay       DecayFunc
}

// sgd implements torch.optim.SGD's single-tensor update:
//
//	g += wd*w (for params Decay selects)
//	buf = g on the first step, else buf = momentum*buf + g
//	w -= lr*buf (w -= lr*g without momentum)
type sgd[T Float] struct {
	core[T]
	cfg SGDConfig
}

// NewSGD returns an SGD optimizer. An invalid configuration (negative or
// non-finite momentum or weight decay) is reported by Step and Restore.
func NewSGD[T Float](c SGDConfig) Optimizer[T] {
	if c.Decay == nil {
		c.Decay = MatricesOnly
	}
	o := &sgd[T]{core: core[T]{kind: "sgd"}, cfg: c}
	if c.Momentum != 0 {
		o.slotNames = []string{"momentum_buffer"}
	}
	if !finiteNonNeg(c.Momentum) || !finiteNonNeg(c.WeightDecay) {
		o.cfgErr = fmt.Errorf("optim: sgd: momentum %v and weight decay %v must be finite and non-negative", c.Momentum, c.WeightDecay)
	}
	return o
}

// Step implements Optimizer.
func (o *sgd[T]) Step(params []Param[T], lr float64) error {
	if err := o.begin(params, lr); err != nil {
		return err
	}
	first := o.step == 0
	o.step++
	// PyTorch casts each Python scalar to the tensor's type before the kernel.
	wd, mom, negLR := T(o.cfg.WeightDecay), T(o.cfg.Momentum), T(-lr)
	for _, p := range params {
		decay := o.cfg.WeightDecay != 0 && o.cfg.Decay(p.Name, p.Shape)
		var buf []T
		if o.cfg.Momentum != 0 {
			buf = o.slots[p.Name]["momentum_buffer"]
		}
		for i, g := range p.Grad {
			w := p.Value[i]
			if decay {
				g += T(wd * w) // grad.add(param, alpha=wd)
			}
			if buf != nil {
				if first {
					buf[i] = g // torch.clone(grad)
				} else {
					buf[i] = T(buf[i]*mom) + g // buf.mul_(momentum).add_(grad)
				}
				g = buf[i]
			}
			p.Value[i] = w + T(negLR*g) // param.add_(grad, alpha=-lr)
		}
	}
	return nil
}

// finiteNonNeg reports whether x is a finite number >= 0.
func finiteNonNeg(x float64) bool {
	return x >= 0 && !math.IsInf(x, 1)
}
