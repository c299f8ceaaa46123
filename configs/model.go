package configs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
)

// JSON is the model section as JSON with the YAML key names
// ({"d_model":64,"heads":4,...}). It goes into a model file's metadata so the
// file says which shape it holds.
func (m Model) JSON() ([]byte, error) {
	return json.Marshal(m)
}

// ModelFromJSON reads what Model.JSON wrote. It is strict: an unknown or a
// missing key is an error (a missing norm_first would otherwise read as
// false and load the weights into the wrong architecture), and the result
// must pass Model.Validate.
func ModelFromJSON(b []byte) (Model, error) {
	// json.Unmarshal also rejects trailing data after the object.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return Model{}, fmt.Errorf("model json: %w", err)
	}
	keys := keysOf(reflect.TypeFor[Model]())
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		if !slices.Contains(keys, key) { // exact case: encoding/json would fold it
			return Model{}, fmt.Errorf("model json: unknown key %q", key)
		}
	}
	for _, key := range keys {
		if _, ok := raw[key]; !ok {
			return Model{}, fmt.Errorf("model json: missing key %q", key)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var m Model
	if err := dec.Decode(&m); err != nil {
		return Model{}, fmt.Errorf("model json: %w", err)
	}
	if err := m.Validate(); err != nil {
		return Model{}, fmt.Errorf("model json: %w", err)
	}
	return m, nil
}

// ShapeDiff lists the key paths ("model.heads", ...) whose values differ
// between m and o, in schema order; nil when they are equal. It is how a
// resumed run says which key changed against the checkpoint's saved model.
// Dropout does not count: it changes training, not the weights' shapes or
// what they compute at inference (a resume reports it with the other keys).
func (m Model) ShapeDiff(o Model) []string {
	var diff []string
	a, b := reflect.ValueOf(m), reflect.ValueOf(o)
	for _, f := range reflect.VisibleFields(a.Type()) {
		if f.Name == "Dropout" {
			continue
		}
		if !a.FieldByIndex(f.Index).Equal(b.FieldByIndex(f.Index)) {
			diff = append(diff, "model."+tagName(f))
		}
	}
	return diff
}
