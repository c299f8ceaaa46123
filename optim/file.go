package optim

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/attendlab/attend/checkpoint"
)

// StateFormat is the "format" metadata of an optimizer state file.
const StateFormat = "attend-optimizer/1"

// EncodeState writes s as safetensors: each slot is an F32 tensor named
// "<parameter>.<slot>" (e.g. "encoder.0.attn.q.weight.exp_avg"), and the
// metadata holds the format, kind, step and hyper (the run's hyper-parameters,
// kept for the reader; Restore takes them from the config). Slots must hold
// float32 values, as a float32 optimizer's do, so the file is exact.
func EncodeState(s State, hyper map[string]string) ([]byte, error) {
	meta := map[string]string{}
	maps.Copy(meta, hyper)
	meta["format"], meta["kind"], meta["step"] = StateFormat, s.Kind, strconv.Itoa(s.Step)
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

// DecodeState reads what EncodeState wrote, returning the state and the
// file's metadata; name is the file, for messages. Tensors are grouped by
// parameter from their names; Restore checks them against the parameters.
func DecodeState(b []byte, name string) (State, map[string]string, error) {
	ts, meta, err := checkpoint.DecodeSafetensors(b)
	if err != nil {
		return State{}, nil, fmt.Errorf("%s: %w", name, err)
	}
	if meta["format"] != StateFormat {
		return State{}, nil, fmt.Errorf("%s: not an attend optimizer state (metadata format %q, want %q)", name, meta["format"], StateFormat)
	}
	step, err := strconv.Atoi(meta["step"])
	if err != nil || step < 0 {
		return State{}, nil, fmt.Errorf("%s: metadata step %q is not a step count", name, meta["step"])
	}
	s := State{Kind: meta["kind"], Step: step, Slots: map[string]map[string]Slot{}}
	for _, tn := range slices.Sorted(maps.Keys(ts)) {
		param, slot, ok := cutLast(tn)
		if !ok {
			return State{}, nil, fmt.Errorf("%s: tensor %q is not named <parameter>.<slot>", name, tn)
		}
		if s.Slots[param] == nil {
			s.Slots[param] = map[string]Slot{}
		}
		t := ts[tn]
		d := make([]float64, len(t.Data))
		for i, x := range t.Data {
			d[i] = float64(x)
		}
		s.Slots[param][slot] = Slot{Shape: t.Shape, Data: d}
	}
	return s, meta, nil
}

// DecodeStateJSON reads the optimizer.json of checkpoints written before the
// safetensors file.
func DecodeStateJSON(b []byte, name string) (State, error) {
	var s State
	if err := json.Unmarshal(b, &s); err != nil {
		return State{}, fmt.Errorf("%s: %w", name, err)
	}
	return s, nil
}

func cutLast(s string) (before, after string, ok bool) {
	i := strings.LastIndexByte(s, '.')
	if i <= 0 || i == len(s)-1 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}
