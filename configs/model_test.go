package configs

import (
	"slices"
	"strings"
	"testing"
)

func TestModelJSONRoundTrip(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	c.Model.NormFirst, c.Model.Positions, c.Model.Dropout = false, "learned", 0.1
	b, err := c.Model.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"d_model":64`, `"heads":4`, `"max_len":20`, `"norm_first":false`, `"positions":"learned"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("Model.JSON %s lacks %s", b, key)
		}
	}
	m, err := ModelFromJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	if m != c.Model {
		t.Errorf("round trip: got %+v, want %+v", m, c.Model)
	}
}

func TestModelFromJSONErrors(t *testing.T) {
	c, _ := Default()
	good, _ := c.Model.JSON()
	tests := []struct {
		name, json, want string
	}{
		{"unknown key", strings.Replace(string(good), "{", `{"depth":3,`, 1), `unknown key "depth"`},
		{"key in other case", strings.Replace(string(good), `"heads"`, `"HEADS"`, 1), `unknown key "HEADS"`},
		{"missing key", strings.Replace(string(good), `"norm_first":true,`, "", 1), `missing key "norm_first"`},
		{"wrong type", strings.Replace(string(good), `"heads":4`, `"heads":"4"`, 1), "model json:"},
		{"invalid shape", strings.Replace(string(good), `"heads":4`, `"heads":5`, 1), "model.heads: d_model 64 is not divisible by heads 5"},
		{"not json", "heads: 4", "model json:"},
		{"trailing", string(good) + "{}", "after top-level value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ModelFromJSON([]byte(tt.json))
			errorContains(t, err, tt.want)
		})
	}
}

func TestShapeDiff(t *testing.T) {
	base, _ := Default()
	tests := []struct {
		name   string
		change func(m *Model)
		want   []string
	}{
		{"same", func(m *Model) {}, nil},
		{"heads", func(m *Model) { m.Heads = 8 }, []string{"model.heads"}},
		{"several", func(m *Model) { m.DModel, m.NormFirst, m.Positions = 32, false, "learned" },
			[]string{"model.d_model", "model.norm_first", "model.positions"}},
		{"dropout is not shape", func(m *Model) { m.Dropout = 0.1 }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := base.Model
			tt.change(&o)
			if got := base.Model.ShapeDiff(o); !slices.Equal(got, tt.want) {
				t.Errorf("ShapeDiff = %v, want %v", got, tt.want)
			}
		})
	}
}
