package optim

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestStepErrors(t *testing.T) {
	tests := []struct {
		name   string
		opt    func() Optimizer[float32]
		warm   bool // take one good step first, fixing the layout
		params func([]Param[float32]) []Param[float32]
		lr     float64
		want   string
	}{
		{"short value", adamF32, false, func(p []Param[float32]) []Param[float32] {
			p[0].Value = p[0].Value[:5]
			return p
		}, 0.1, `"w" has 5 values`},
		{"long grad", sgdF32, false, func(p []Param[float32]) []Param[float32] {
			p[1].Grad = append(p[1].Grad, 0)
			return p
		}, 0.1, `"b" has 4 gradient values`},
		{"negative dimension", adamF32, false, func(p []Param[float32]) []Param[float32] {
			p[1].Shape = []int{-3}
			return p
		}, 0.1, `"b"`},
		{"duplicate name", adamF32, false, func(p []Param[float32]) []Param[float32] {
			p[1].Name = "w"
			p[1].Shape, p[1].Value, p[1].Grad = p[0].Shape, p[0].Value, p[0].Grad
			return p
		}, 0.1, `"w" appears more than once`},
		{"missing after first step", adamF32, true, func(p []Param[float32]) []Param[float32] {
			return p[:1]
		}, 0.1, `"b" of the first step is missing`},
		{"new after first step", sgdF32, true, func(p []Param[float32]) []Param[float32] {
			p[1].Name = "c"
			return p
		}, 0.1, `"c" was not among`},
		{"shape changed after first step", adamF32, true, func(p []Param[float32]) []Param[float32] {
			p[0].Shape = []int{3, 2}
			return p
		}, 0.1, `"w" has shape [3 2]`},
		{"nan learning rate", adamF32, false, nil, math.NaN(), "learning rate"},
		{"negative learning rate", sgdF32, false, nil, -1, "learning rate"},
		{"bad beta", func() Optimizer[float32] { return NewAdam[float32](AdamConfig{Beta1: 1}) }, false, nil, 0.1, "betas"},
		{"negative eps", func() Optimizer[float32] { return NewAdamW[float32](AdamConfig{Eps: -1}) }, false, nil, 0.1, "eps"},
		{"negative momentum", func() Optimizer[float32] { return NewSGD[float32](SGDConfig{Momentum: -0.9}) }, false, nil, 0.1, "momentum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt()
			if tt.warm {
				if err := quadStep(opt, quadParams[float32](), Constant{Peak: 0.1}, 1); err != nil {
					t.Fatal(err)
				}
			}
			params := quadParams[float32]()
			for _, p := range params {
				for i := range p.Grad {
					p.Grad[i] = 1
				}
			}
			if tt.params != nil {
				params = tt.params(params)
			}
			untouched := cloneParams(params)
			before := opt.State()
			err := opt.Step(params, tt.lr)
			if err == nil {
				t.Fatal("Step succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			for i := range params {
				if !reflect.DeepEqual(params[i].Value, untouched[i].Value) {
					t.Errorf("a failed Step changed %s", params[i].Name)
				}
			}
			if !reflect.DeepEqual(opt.State(), before) {
				t.Errorf("a failed Step changed the optimizer's state")
			}
		})
	}
}

func adamF32() Optimizer[float32] { return NewAdam[float32](AdamDefaults()) }
func sgdF32() Optimizer[float32]  { return NewSGD[float32](SGDConfig{Momentum: 0.9}) }

// TestStepOrderFree checks that moments follow names, not positions: the
// same params in another order give the same result.
func TestStepOrderFree(t *testing.T) {
	a, b := NewAdamW[float64](adamWD(0.1)), NewAdamW[float64](adamWD(0.1))
	pa, pb := quadParams[float64](), quadParams[float64]()
	for s := 1; s <= 3; s++ {
		if err := quadStep(a, pa, Constant{Peak: 0.1}, s); err != nil {
			t.Fatal(err)
		}
		swapped := []Param[float64]{pb[1], pb[0]}
		if s == 1 {
			swapped = pb
		}
		if err := quadStep(b, swapped, Constant{Peak: 0.1}, s); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(pa, pb) {
		t.Errorf("reordering params changed the result:\n%v\n%v", pa, pb)
	}
}
