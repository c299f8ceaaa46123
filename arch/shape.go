// Package arch is the encoder's shape: one type shared by the config file's
// model section, the model and a model file's metadata, with its one
// validation. It imports nothing of attend, so configs, layers and model all
// build on it.
package arch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
)

// Activation is the feed-forward block's nonlinearity.
type Activation string

// The activations, in the order messages list them.
const (
	GELU Activation = "gelu"
	ReLU Activation = "relu"
)

// Activations lists the allowed activations.
var Activations = []Activation{GELU, ReLU}

// Position is how word order enters the model.
type Position string

// The position encodings, in the order messages list them.
const (
	Sinusoidal Position = "sinusoidal" // fixed sinusoids, no parameters
	Learned    Position = "learned"    // a learned table, pos.weight
)

// Positions lists the allowed position encodings.
var Positions = []Position{Sinusoidal, Learned}

// Section is the key of the shape in a config file; messages name keys as
// "model.heads".
const Section = "model"

// Shape is the shape of the encoder. The yaml and json tags are the config
// file's keys, which are also the keys of a model file's "config" metadata;
// what each key means is said once, in configs/keydoc.go (rendered as
// docs/configuration.md).
type Shape struct {
	DModel     int        `yaml:"d_model" json:"d_model"`
	Heads      int        `yaml:"heads" json:"heads"`
	FF         int        `yaml:"ff" json:"ff"`
	Layers     int        `yaml:"layers" json:"layers"`
	MaxLen     int        `yaml:"max_len" json:"max_len"`
	NormFirst  bool       `yaml:"norm_first" json:"norm_first"`
	Activation Activation `yaml:"activation" json:"activation"`
	Positions  Position   `yaml:"positions" json:"positions"`
	Dropout    float64    `yaml:"dropout" json:"dropout"`
}

// Problem is one impossible value: its key path ("model.heads") and why.
type Problem struct{ Key, Msg string }

func (p Problem) Error() string { return p.Key + ": " + p.Msg }

// Problems lists every impossible value, in key order. It is the one home of
// the shape's rules: the config file, the model and a model file all use it.
func (s Shape) Problems() []Problem {
	var ps []Problem
	add := func(key, format string, args ...any) {
		ps = append(ps, Problem{Section + "." + key, fmt.Sprintf(format, args...)})
	}
	atLeast := func(key string, x, min int) {
		if x < min {
			add(key, "must be at least %d, got %d", min, x)
		}
	}
	atLeast("d_model", s.DModel, 1)
	atLeast("heads", s.Heads, 1)
	if s.DModel >= 1 && s.Heads >= 1 && s.DModel%s.Heads != 0 {
		add("heads", "d_model %d is not divisible by heads %d", s.DModel, s.Heads)
	}
	atLeast("ff", s.FF, 1)
	atLeast("layers", s.Layers, 1)
	atLeast("max_len", s.MaxLen, 2)
	if !slices.Contains(Activations, s.Activation) {
		add("activation", "%s", OneOf(s.Activation, Activations))
	}
	if !slices.Contains(Positions, s.Positions) {
		add("positions", "%s", OneOf(s.Positions, Positions))
	}
	if !(s.Dropout >= 0 && s.Dropout < 1) {
		add("dropout", "must be in [0, 1), got %v", s.Dropout)
	}
	return ps
}

// Validate reports every problem at once, one line each.
func (s Shape) Validate() error {
	var errs []error
	for _, p := range s.Problems() {
		errs = append(errs, p)
	}
	return errors.Join(errs...)
}

// OneOf is the message for a value outside its set of choices.
func OneOf[T ~string](got T, set []T) string {
	names := make([]string, len(set))
	for i, x := range set {
		names[i] = string(x)
	}
	return fmt.Sprintf("want one of %s; got %q", strings.Join(names, ", "), got)
}

// JSON is the shape with the config file's key names
// ({"d_model":64,"heads":4,...}), as a model file's metadata holds it.
func (s Shape) JSON() ([]byte, error) { return json.Marshal(s) }

// FromJSON reads what JSON wrote. It is strict: an unknown or a missing key
// is an error (a missing norm_first would otherwise read as false and load the
// weights into the wrong architecture), and the result must validate.
func FromJSON(b []byte) (Shape, error) {
	// json.Unmarshal also rejects trailing data after the object.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return Shape{}, fmt.Errorf("model json: %w", err)
	}
	keys := Keys()
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		if !slices.Contains(keys, key) { // exact case: encoding/json would fold it
			return Shape{}, fmt.Errorf("model json: unknown key %q", key)
		}
	}
	for _, key := range keys {
		if _, ok := raw[key]; !ok {
			return Shape{}, fmt.Errorf("model json: missing key %q", key)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s Shape
	if err := dec.Decode(&s); err != nil {
		return Shape{}, fmt.Errorf("model json: %w", err)
	}
	if err := s.Validate(); err != nil {
		return Shape{}, fmt.Errorf("model json: %w", err)
	}
	return s, nil
}

// Keys lists the shape's keys in declaration order.
func Keys() []string {
	var keys []string
	for _, f := range reflect.VisibleFields(reflect.TypeFor[Shape]()) {
		keys = append(keys, key(f))
	}
	return keys
}

func key(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// Difference is one key whose value differs, with both values as a config
// writes them.
type Difference struct{ Key, A, B string }

// Diff lists the keys ("model.heads", ...) whose values differ between s (A)
// and o (B), in key order; nil when they are equal. It is how --init-from
// says what in the config does not match the saved model. Dropout does not
// count: it changes training, not the weights' shapes or what they compute
// at inference.
func (s Shape) Diff(o Shape) []Difference {
	var diff []Difference
	a, b := reflect.ValueOf(s), reflect.ValueOf(o)
	for _, f := range reflect.VisibleFields(a.Type()) {
		if f.Name == "Dropout" {
			continue
		}
		if x, y := a.FieldByIndex(f.Index), b.FieldByIndex(f.Index); !x.Equal(y) {
			diff = append(diff, Difference{Section + "." + key(f), fmt.Sprint(x), fmt.Sprint(y)})
		}
	}
	return diff
}
