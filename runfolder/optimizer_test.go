package runfolder

import (
	"reflect"
	"strings"
	"testing"

	"github.com/attendlab/attend/optim"
)

// TestOptimizerFileRoundTrip: EncodeOptimizer and DecodeOptimizer give back the same
// state, bit for bit, with the hyper-parameters in the metadata.
func TestOptimizerFileRoundTrip(t *testing.T) {
	s := optim.State{Kind: "adamw", Step: 7, Slots: map[string]map[string]optim.Slot{
		"layers.0.attn.q.weight": {"exp_avg": {Shape: []int{2, 2}, Data: []float64{1, -0.5, 1e-30, 3.25}},
			"exp_avg_sq": {Shape: []int{2, 2}, Data: []float64{0, 0.125, 2, 1e-8}}},
		"norm.bias": {"exp_avg": {Shape: []int{1}, Data: []float64{0.75}}, "exp_avg_sq": {Shape: []int{1}, Data: []float64{0.5}}},
	}}
	for _, slot := range s.Slots {
		for name, v := range slot { // exactly representable as float32
			for i, x := range v.Data {
				v.Data[i] = float64(float32(x))
			}
			slot[name] = v
		}
	}
	b, err := EncodeOptimizer(s, map[string]string{"lr": "0.002"})
	if err != nil {
		t.Fatal(err)
	}
	got, meta, err := DecodeOptimizer(b, "optimizer.safetensors")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("round trip: got %+v, want %+v", got, s)
	}
	if meta["lr"] != "0.002" || meta["step"] != "7" || meta["kind"] != "adamw" {
		t.Errorf("metadata %v", meta)
	}
	empty, _, err := DecodeOptimizer(mustEncode(t, optim.State{Kind: "sgd"}), "f")
	if err != nil || empty.Step != 0 || len(empty.Slots) != 0 {
		t.Errorf("step-0 state: %+v, %v", empty, err)
	}
}

func mustEncode(t *testing.T, s optim.State) []byte {
	t.Helper()
	b, err := EncodeOptimizer(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOptimizerFileErrors(t *testing.T) {
	notF32 := optim.State{Kind: "sgd", Step: 1, Slots: map[string]map[string]optim.Slot{"w": {"momentum_buffer": {Shape: []int{1}, Data: []float64{0.1}}}}}
	if _, err := EncodeOptimizer(notF32, nil); err == nil || !strings.Contains(err.Error(), "w.momentum_buffer") {
		t.Errorf("float64 value: %v", err)
	}
	good := mustEncode(t, optim.State{Kind: "sgd", Step: 1, Slots: map[string]map[string]optim.Slot{"w": {"momentum_buffer": {Shape: []int{1}, Data: []float64{0.5}}}}})
	for _, tc := range []struct {
		name string
		b    []byte
		want string
	}{
		{"truncated", good[:len(good)-2], "opt.st"},
		{"model file", modelLike(t), "not an attend optimizer state"},
		{"empty", nil, "opt.st"},
	} {
		if _, _, err := DecodeOptimizer(tc.b, "opt.st"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error with %q", tc.name, err, tc.want)
		}
	}
}

// modelLike is a valid safetensors file whose format is not the optimizer's.
func modelLike(t *testing.T) []byte {
	t.Helper()
	b := mustEncode(t, optim.State{Kind: "sgd"})
	other := "attend-model/1" + strings.Repeat(" ", len(OptimizerFormat)-len("attend-model/1"))
	return []byte(strings.Replace(string(b), OptimizerFormat, other, 1))
}
