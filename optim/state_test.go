package optim

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// quadParams returns a fresh copy of the two parameters of the quadratic test
// problem: a matrix and a bias, so that MatricesOnly decays one and not the other.
func quadParams[T Float]() []Param[T] {
	w, b := make([]T, 6), make([]T, 3)
	for i := range w {
		w[i] = T(0.3*float64(i) - 0.7)
	}
	for i := range b {
		b[i] = T(0.25 - 0.4*float64(i))
	}
	return []Param[T]{
		{Name: "w", Shape: []int{2, 3}, Value: w, Grad: make([]T, 6)},
		{Name: "b", Shape: []int{3}, Value: b, Grad: make([]T, 3)},
	}
}

// quadStep computes grad = w - target for every element (the gradient of
// ||w - target||^2 / 2, with target[i] = 0.1*i) and applies one update with
// the rate the schedule gives for the 1-based step.
func quadStep[T Float](opt Optimizer[T], params []Param[T], sched Schedule, step int) error {
	for _, p := range params {
		for i, v := range p.Value {
			p.Grad[i] = v - T(0.1*float64(i))
		}
	}
	return opt.Step(params, sched.LR(step))
}

func cloneParams[T Float](params []Param[T]) []Param[T] {
	out := make([]Param[T], len(params))
	for i, p := range params {
		out[i] = Param[T]{Name: p.Name, Shape: append([]int(nil), p.Shape...),
			Value: append([]T(nil), p.Value...), Grad: make([]T, len(p.Grad))}
	}
	return out
}

// optimizers returns a constructor for each optimizer kind, with weight decay
// so that the decay paths take part in the resume test.
func optimizers[T Float]() map[string]func() Optimizer[T] {
	return map[string]func() Optimizer[T]{
		"sgd":          func() Optimizer[T] { return NewSGD[T](SGDConfig{Momentum: 0.9, WeightDecay: 0.01}) },
		"sgd-plain":    func() Optimizer[T] { return NewSGD[T](SGDConfig{}) },
		"adam":         func() Optimizer[T] { return NewAdam[T](adamWD(0.01)) },
		"adamw":        func() Optimizer[T] { return NewAdamW[T](adamWD(0.1)) },
		"adamw-custom": func() Optimizer[T] { return NewAdamW[T](AdamConfig{Beta1: 0.8, Beta2: 0.95, Eps: 1e-6}) },
	}
}

// testResume checks that training k steps, checkpointing through JSON and
// resuming in a fresh optimizer with a fresh copy of the params gives exactly
// the weights and state of an uninterrupted 2k-step run.
func testResume[T Float](t *testing.T) {
	const k = 7
	sched := WarmupCosine{Peak: 0.05, Floor: 0.001, Warmup: 3, Total: 2 * k}
	for _, name := range []string{"sgd", "sgd-plain", "adam", "adamw", "adamw-custom"} {
		newOpt := optimizers[T]()[name]
		t.Run(name, func(t *testing.T) {
			whole, ref := newOpt(), quadParams[T]()
			for s := 1; s <= 2*k; s++ {
				if err := quadStep(whole, ref, sched, s); err != nil {
					t.Fatal(err)
				}
			}

			first, params := newOpt(), quadParams[T]()
			for s := 1; s <= k; s++ {
				if err := quadStep(first, params, sched, s); err != nil {
					t.Fatal(err)
				}
			}
			blob, err := json.Marshal(first.State())
			if err != nil {
				t.Fatal(err)
			}
			var saved State
			if err := json.Unmarshal(blob, &saved); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(saved, first.State()) {
				t.Fatalf("state changed in a JSON round trip:\n%+v\n%+v", saved, first.State())
			}
			second, resumed := newOpt(), cloneParams(params)
			if err := second.Restore(saved, resumed); err != nil {
				t.Fatal(err)
			}
			for s := k + 1; s <= 2*k; s++ {
				if err := quadStep(second, resumed, sched, s); err != nil {
					t.Fatal(err)
				}
			}

			for pi := range ref {
				for i, want := range ref[pi].Value {
					if got := resumed[pi].Value[i]; got != want {
						t.Errorf("%s[%d] = %v, want %v (uninterrupted)", ref[pi].Name, i, got, want)
					}
				}
				if ref[pi].Value[0] == quadParams[T]()[pi].Value[0] {
					t.Errorf("%s did not move", ref[pi].Name)
				}
			}
			if got, want := second.State(), whole.State(); !reflect.DeepEqual(got, want) {
				t.Errorf("resumed state differs from uninterrupted state")
			}
			if got := second.State().Step; got != 2*k {
				t.Errorf("step = %d, want %d", got, 2*k)
			}
		})
	}
}

func TestResume(t *testing.T) {
	t.Run("float64", testResume[float64])
	t.Run("float32", testResume[float32])
}

func TestRestoreErrors(t *testing.T) {
	trained := func(newOpt func() Optimizer[float64]) State {
		opt, params := newOpt(), quadParams[float64]()
		for s := 1; s <= 2; s++ {
			if err := quadStep(opt, params, Constant{Peak: 0.01}, s); err != nil {
				t.Fatal(err)
			}
		}
		return opt.State()
	}
	opts := optimizers[float64]()
	adamState, sgdState := trained(opts["adam"]), trained(opts["sgd"])
	corrupt := trained(opts["adam"])
	corrupt.Slots["b"]["exp_avg"] = Slot{Shape: []int{3}, Data: []float64{1, 2}}
	extraSlot := trained(opts["adam"])
	extraSlot.Slots["w"]["momentum_buffer"] = extraSlot.Slots["w"]["exp_avg"]

	tests := []struct {
		name   string
		opt    Optimizer[float64]
		state  State
		params func([]Param[float64]) []Param[float64]
		want   []string // substrings the error must contain
	}{
		{"missing name", opts["adam"](), adamState, func(p []Param[float64]) []Param[float64] {
			return append(p, Param[float64]{Name: "extra.weight", Shape: []int{1}, Value: []float64{0}, Grad: []float64{0}})
		}, []string{`"extra.weight"`, "missing"}},
		{"extra name", opts["adam"](), adamState, func(p []Param[float64]) []Param[float64] {
			return p[:1]
		}, []string{`"b"`, "extra"}},
		{"shape mismatch", opts["adam"](), adamState, func(p []Param[float64]) []Param[float64] {
			p[0].Shape = []int{3, 2}
			return p
		}, []string{`"w"`, "shape"}},
		{"sgd shape mismatch", opts["sgd"](), sgdState, func(p []Param[float64]) []Param[float64] {
			p[0].Shape = []int{6}
			return p
		}, []string{`"w"`, "shape"}},
		{"wrong kind", opts["adamw"](), adamState, nil, []string{`"adam"`, `"adamw"`}},
		{"sgd into adam", opts["adam"](), sgdState, nil, []string{`"sgd"`, `"adam"`}},
		{"slot of wrong length", opts["adam"](), corrupt, nil, []string{`"b"`, `"exp_avg"`}},
		{"unexpected slot", opts["adam"](), extraSlot, nil, []string{`"w"`, `"momentum_buffer"`}},
		{"momentum state into plain sgd", opts["sgd-plain"](), sgdState, nil, []string{`"momentum_buffer"`}},
		{"bad params", opts["adam"](), adamState, func(p []Param[float64]) []Param[float64] {
			p[1].Value = p[1].Value[:2]
			return p
		}, []string{`"b"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params := quadParams[float64]()
			if tt.params != nil {
				params = tt.params(params)
			}
			before := tt.opt.State()
			err := tt.opt.Restore(tt.state, params)
			if err == nil {
				t.Fatal("Restore succeeded, want an error")
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %s", err, s)
				}
			}
			if !reflect.DeepEqual(tt.opt.State(), before) {
				t.Errorf("a failed Restore changed the optimizer's state")
			}
		})
	}
}

func TestRestoreFresh(t *testing.T) {
	// A fresh optimizer's state restores to a fresh optimizer that still
	// accepts any layout on its first step.
	opt := NewAdam[float32](AdamDefaults())
	blob, err := json.Marshal(opt.State())
	if err != nil {
		t.Fatal(err)
	}
	var s State
	if err := json.Unmarshal(blob, &s); err != nil {
		t.Fatal(err)
	}
	next := NewAdam[float32](AdamDefaults())
	params := quadParams[float32]()
	if err := next.Restore(s, params[:1]); err != nil {
		t.Fatal(err)
	}
	if err := quadStep(next, params, Constant{Peak: 0.1}, 1); err != nil {
		t.Fatalf("first step after restoring a fresh state: %v", err)
	}
	if got := next.State().Step; got != 1 {
		t.Errorf("step = %d, want 1", got)
	}
}
