package runfolder

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/optim"
)

// OptimizerFormat is the "format" metadata of OptimizerFile, the optimizer's
// state in safetensors (optim keeps the state; its file format lives here).
const OptimizerFormat = "attend-optimizer/1"

// EncodeOptimizer writes s as safetensors: each slot is an F32 tensor named
// "<parameter>.<slot>" (e.g. "encoder.0.attn.q.weight.exp_avg"), and the
// metadata holds the format, kind, step and hyper (the run's hyper-parameters,
// kept for the reader; Restore takes them from the config). Slots must hold
// float32 values, as a float32 optimizer's do, so the file is exact.
func EncodeOptimizer(s optim.State, hyper map[string]string) ([]byte, error) {
	meta := map[string]string{}
	maps.Copy(meta, hyper)
	meta["format"], meta["kind"], meta["step"] = OptimizerFormat, s.Kind, strconv.Itoa(s.Step)
	ts := map[string]checkpoint.Tensor{}
	for name, slots := range s.Slots {
		for slot, v := range slots {
			d := make([]float32, len(v.Data))
			for i, x := range v.Data {
				d[i] = float32(x)
				if float64(d[i]) != x && !math.IsNaN(x) {
					return nil, fmt.Errorf("optimizer state: %s.%s[%d] = %v is not a float32", name, slot, i, x)
				}
			}
			ts[name+"."+slot] = checkpoint.Tensor{Shape: v.Shape, Data: d}
		}
	}
	return checkpoint.EncodeSafetensors(ts, meta)
}

// DecodeOptimizer reads what EncodeOptimizer wrote, returning the state and the
// file's metadata; name is the file, for messages. Tensors are grouped by
// parameter from their names; Restore checks them against the parameters.
func DecodeOptimizer(b []byte, name string) (optim.State, map[string]string, error) {
	ts, meta, err := checkpoint.DecodeSafetensors(b)
	if err != nil {
		return optim.State{}, nil, fmt.Errorf("%s: %w", name, err)
	}
	if meta["format"] != OptimizerFormat {
		return optim.State{}, nil, fmt.Errorf("%s: not an attend optimizer state (metadata format %q, want %q)", name, meta["format"], OptimizerFormat)
	}
	step, err := strconv.Atoi(meta["step"])
	if err != nil || step < 0 {
		return optim.State{}, nil, fmt.Errorf("%s: metadata step %q is not a step count", name, meta["step"])
	}
	s := optim.State{Kind: meta["kind"], Step: step, Slots: map[string]map[string]optim.Slot{}}
	for _, tn := range slices.Sorted(maps.Keys(ts)) {
		param, slot, ok := cutLast(tn)
		if !ok {
			return optim.State{}, nil, fmt.Errorf("%s: tensor %q is not named <parameter>.<slot>", name, tn)
		}
		if s.Slots[param] == nil {
			s.Slots[param] = map[string]optim.Slot{}
		}
		t := ts[tn]
		d := make([]float64, len(t.Data))
		for i, x := range t.Data {
			d[i] = float64(x)
		}
		s.Slots[param][slot] = optim.Slot{Shape: t.Shape, Data: d}
	}
	return s, meta, nil
}

func cutLast(s string) (before, after string, ok bool) {
	i := strings.LastIndexByte(s, '.')
	if i <= 0 || i == len(s)-1 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}
