package optim

import (
	"fmt"
	"testing"

	"github.com/attendlab/attend/internal/torchref"
)

// Tolerances for agreement with the float64 PyTorch references.
const (
	rtol64, atol64 = 1e-8, 1e-10
	rtol32, atol32 = 1e-4, 1e-6
)

// adamConfig reads an Adam/AdamW configuration from a reference file. The
// reference tensors are 1-D, so decay is applied to all of them, as one
// PyTorch parameter group does.
func adamConfig(c *torchref.Case) (AdamConfig, float64, error) {
	lr, err := c.Float("lr")
	if err != nil {
		return AdamConfig{}, 0, err
	}
	eps, err := c.Float("eps")
	if err != nil {
		return AdamConfig{}, 0, err
	}
	wd, err := c.Float("weight_decay")
	if err != nil {
		return AdamConfig{}, 0, err
	}
	betas, ok := c.Config["betas"].([]any)
	if !ok || len(betas) != 2 {
		return AdamConfig{}, 0, fmt.Errorf("%s: config betas is not a pair", c.Path)
	}
	b1, ok1 := betas[0].(float64)
	b2, ok2 := betas[1].(float64)
	if !ok1 || !ok2 {
		return AdamConfig{}, 0, fmt.Errorf("%s: config betas are not numbers", c.Path)
	}
	return AdamConfig{Beta1: b1, Beta2: b2, Eps: eps, WeightDecay: wd, Decay: DecayAll}, lr, nil
}

func toT[T Float](x []float64) []T {
	out := make([]T, len(x))
	for i, v := range x {
		out[i] = T(v)
	}
	return out
}

func toF64[T Float](x []T) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(v)
	}
	return out
}

// runAdamRef replays every in.gradN of a reference file through a fresh
// optimizer and compares the weights with out.wN after each step. It returns
// the largest absolute and relative errors over all steps.
func runAdamRef[T Float](t *testing.T, file string, ctor func(AdamConfig) Optimizer[T], rtol, atol float64) (maxAbs, maxRel float64) {
	t.Helper()
	c, err := torchref.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	cfg, lr, err := adamConfig(c)
	if err != nil {
		t.Fatal(err)
	}
	w0, err := c.T("in.w0")
	if err != nil {
		t.Fatal(err)
	}
	p := []Param[T]{{Name: "w", Shape: w0.Shape, Value: toT[T](w0.Data)}}
	opt := ctor(cfg)
	steps := 0
	for n := 1; ; n++ {
		if _, ok := c.Tensors[fmt.Sprintf("in.grad%d", n)]; !ok {
			break
		}
		g, err := c.T(fmt.Sprintf("in.grad%d", n))
		if err != nil {
			t.Fatal(err)
		}
		want, err := c.T(fmt.Sprintf("out.w%d", n))
		if err != nil {
			t.Fatal(err)
		}
		p[0].Grad = toT[T](g.Data)
		if err := opt.Step(p, lr); err != nil {
			t.Fatalf("step %d: %v", n, err)
		}
		a, r, bad := torchref.Check(toF64(p[0].Value), want.Data, rtol, atol)
		if bad >= 0 {
			t.Errorf("%s step %d: w[%d] = %v, want %v (max abs %.3g, rel %.3g)", file, n, bad, p[0].Value[bad], want.Data[bad], a, r)
		}
		maxAbs, maxRel = max(maxAbs, a), max(maxRel, r)
		steps = n
	}
	if steps == 0 {
		t.Fatalf("%s has no in.grad1", file)
	}
	return maxAbs, maxRel
}

func TestAdamReference(t *testing.T) {
	tests := []struct {
		file string
		f64  func(AdamConfig) Optimizer[float64]
		f32  func(AdamConfig) Optimizer[float32]
	}{
		{"adam.json", NewAdam[float64], NewAdam[float32]},
		{"adamw.json", NewAdamW[float64], NewAdamW[float32]},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a, r := runAdamRef(t, tt.file, tt.f64, rtol64, atol64)
			t.Logf("%s float64: max abs %.3g, max rel %.3g", tt.file, a, r)
			a, r = runAdamRef(t, tt.file, tt.f32, rtol32, atol32)
			t.Logf("%s float32: max abs %.3g, max rel %.3g", tt.file, a, r)
		})
	}
}

// runClipRef clips in.g0 and in.g1 and checks the returned norm and the
// clipped grads against the reference.
func runClipRef[T Float](t *testing.T, rtol, atol float64) (maxAbs, maxRel float64) {
	t.Helper()
	c, err := torchref.Load("clip_grad_norm.json")
	if err != nil {
		t.Fatal(err)
	}
	maxNorm, err := c.Float("max_norm")
	if err != nil {
		t.Fatal(err)
	}
	total, err := c.T("out.total_norm")
	if err != nil {
		t.Fatal(err)
	}
	var params []Param[T]
	for _, name := range []string{"g0", "g1"} {
		g, err := c.T("in." + name)
		if err != nil {
			t.Fatal(err)
		}
		params = append(params, Param[T]{Name: name, Shape: g.Shape, Value: make([]T, len(g.Data)), Grad: toT[T](g.Data)})
	}
	norm := ClipGradNorm(params, maxNorm)
	a, r, bad := torchref.Check([]float64{norm}, total.Data, rtol, atol)
	if bad >= 0 {
		t.Errorf("total norm = %v, want %v", norm, total.Data[0])
	}
	maxAbs, maxRel = a, r
	for _, p := range params {
		want, err := c.T("out." + p.Name)
		if err != nil {
			t.Fatal(err)
		}
		a, r, bad := torchref.Check(toF64(p.Grad), want.Data, rtol, atol)
		if bad >= 0 {
			t.Errorf("%s[%d] = %v, want %v", p.Name, bad, p.Grad[bad], want.Data[bad])
		}
		maxAbs, maxRel = max(maxAbs, a), max(maxRel, r)
	}
	return maxAbs, maxRel
}

func TestClipGradNormReference(t *testing.T) {
	a, r := runClipRef[float64](t, rtol64, atol64)
	t.Logf("clip_grad_norm.json float64: max abs %.3g, max rel %.3g", a, r)
	a, r = runClipRef[float32](t, rtol32, atol32)
	t.Logf("clip_grad_norm.json float32: max abs %.3g, max rel %.3g", a, r)
}

func TestClipGradNorm(t *testing.T) {
	tests := []struct {
		name     string
		grad     []float64
		maxNorm  float64
		wantNorm float64
		wantGrad []float64
	}{
		{"below max is untouched", []float64{3, 4}, 10, 5, []float64{3, 4}},
		{"disabled by zero max", []float64{3, 4}, 0, 5, []float64{3, 4}},
		{"disabled by negative max", []float64{3, 4}, -1, 5, []float64{3, 4}},
		{"above max is scaled", []float64{3, 4}, 1, 5, []float64{3 * (1 / (5 + 1e-6)), 4 * (1 / (5 + 1e-6))}},
		{"zero grads", []float64{0, 0}, 1, 0, []float64{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := append([]float64(nil), tt.grad...)
			p := []Param[float64]{{Name: "g", Shape: []int{len(g)}, Value: make([]float64, len(g)), Grad: g}}
			if got := ClipGradNorm(p, tt.maxNorm); got != tt.wantNorm {
				t.Errorf("norm = %v, want %v", got, tt.wantNorm)
			}
			for i := range g {
				if g[i] != tt.wantGrad[i] {
					t.Errorf("grad[%d] = %v, want %v", i, g[i], tt.wantGrad[i])
				}
			}
		})
	}
}
