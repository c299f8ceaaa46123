package runfolder

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/attendlab/attend/model"
)

// Validation is one validation of the held-out split. Its loss terms and
// accuracies are the registered heads' (model.Spec): JSON writes
// val_<term>_loss for each validated term and val_<head>_acc for each head
// with ValAcc, in rank order, 0 for a head the run does not train.
type Validation struct {
	Step    int
	Loss    float64            // the sum of the validated terms
	Terms   map[string]float64 // validated loss terms by name (model.TermSpec)
	Acc     map[string]float64 // arg-max accuracies by head name (model.Spec.ValAcc)
	Probe   *float64           // nil without labelled sentences
	PerWord map[string]float64
}

// valKey is the JSON key of one head value: a loss term, or with acc a
// head's accuracy.
type valKey struct {
	key, name string
	acc       bool
}

// valKeys lists the heads' keys in rank order.
func valKeys() []valKey {
	var out []valKey
	for _, s := range model.Heads() {
		for _, t := range s.Terms {
			if t.Validated {
				out = append(out, valKey{"val_" + t.Name + "_loss", t.Name, false})
			}
		}
		if s.ValAcc {
			out = append(out, valKey{"val_" + s.Name + "_acc", s.Name, true})
		}
	}
	return out
}

// of returns the map k's value lives in.
func (k valKey) of(v *Validation) map[string]float64 {
	if k.acc {
		return v.Acc
	}
	return v.Terms
}

// AddTo writes the validation's fields, step left out, to o.
func (v *Validation) AddTo(o *Object) {
	o.Add("val_loss", v.Loss)
	for _, k := range valKeys() {
		o.Add(k.key, k.of(v)[k.name])
	}
	o.Add("sense_probe_acc", v.Probe)
	o.Add("sense_probe", v.PerWord)
}

// MarshalJSON writes the keys in a fixed order, as state.json always had them.
func (v *Validation) MarshalJSON() ([]byte, error) {
	var o Object
	o.Add("step", v.Step)
	v.AddTo(&o)
	return o.Bytes()
}

// UnmarshalJSON reads what MarshalJSON writes; other keys are ignored.
func (v *Validation) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*v = Validation{Terms: map[string]float64{}, Acc: map[string]float64{}}
	fields := []struct {
		key string
		p   any
	}{{"step", &v.Step}, {"val_loss", &v.Loss}, {"sense_probe_acc", &v.Probe}, {"sense_probe", &v.PerWord}}
	for _, k := range valKeys() {
		if r, ok := raw[k.key]; ok {
			var x float64
			if err := json.Unmarshal(r, &x); err != nil {
				return fmt.Errorf("%s: %w", k.key, err)
			}
			k.of(v)[k.name] = x
		}
	}
	for _, f := range fields {
		if r, ok := raw[f.key]; ok {
			if err := json.Unmarshal(r, f.p); err != nil {
				return fmt.Errorf("%s: %w", f.key, err)
			}
		}
	}
	return nil
}

// Object is a JSON object written in the order its keys are added: the
// keys of metrics.jsonl and state.json come from the registered heads, and
// their order is part of the file's bytes.
type Object struct {
	buf bytes.Buffer
	err error
}

// Add appends key with v encoded as encoding/json encodes it.
func (o *Object) Add(key string, v any) {
	if o.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		o.err = fmt.Errorf("%s: %w", key, err)
		return
	}
	if o.buf.Len() == 0 {
		o.buf.WriteByte('{')
	} else {
		o.buf.WriteByte(',')
	}
	k, _ := json.Marshal(key)
	o.buf.Write(k)
	o.buf.WriteByte(':')
	o.buf.Write(b)
}

// Bytes returns the object, or the first error of Add.
func (o *Object) Bytes() ([]byte, error) {
	if o.err != nil {
		return nil, o.err
	}
	if o.buf.Len() == 0 {
		return []byte("{}"), nil
	}
	return append(o.buf.Bytes(), '}'), nil
}
