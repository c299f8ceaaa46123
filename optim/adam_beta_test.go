package optim

import (
	"math"
	"testing"
)

// TestAdamZeroBeta: a zero beta is the beta used (torch.optim.Adam accepts
// 0 <= beta < 1), not replaced by the default. With beta1 = 0 the first moment
// is the latest gradient alone, so the second step moves w by
// -lr * g2 / (sqrt(v2/(1-b2^2)) + eps).
func TestAdamZeroBeta(t *testing.T) {
	const lr, b2, eps = 0.1, 0.999, 1e-8
	opt := NewAdam[float64](AdamConfig{Beta1: 0, Beta2: b2, Eps: eps})
	p := []Param[float64]{{Name: "w", Shape: []int{1}, Value: []float64{1}, Grad: []float64{1}}}
	if err := opt.Step(p, lr); err != nil {
		t.Fatal(err)
	}
	w1 := p[0].Value[0]
	p[0].Grad[0] = -3
	if err := opt.Step(p, lr); err != nil {
		t.Fatal(err)
	}
	v := b2*(1-b2)*1 + (1-b2)*9
	want := w1 - lr*(-3)/(math.Sqrt(v/(1-b2*b2))+eps)
	if got := p[0].Value[0]; math.Abs(got-want) > 1e-12 {
		t.Errorf("beta1 = 0: w after two steps = %v, want %v (beta1 replaced by a default?)", got, want)
	}
}

// adamWD is PyTorch's default Adam with weight decay wd.
func adamWD(wd float64) AdamConfig {
	c := AdamDefaults()
	c.WeightDecay = wd
	return c
}
