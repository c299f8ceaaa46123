package arch

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// bank is configs/bank.yaml's model section.
var bank = Shape{DModel: 64, Heads: 4, FF: 256, Layers: 2, MaxLen: 20, NormFirst: true, Activation: GELU, Positions: Sinusoidal}

func TestJSONRoundTrip(t *testing.T) {
	s := bank
	s.NormFirst, s.Positions, s.Dropout = false, Learned, 0.1
	b, err := s.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"d_model":64`, `"heads":4`, `"max_len":20`, `"norm_first":false`, `"positions":"learned"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON %s lacks %s", b, key)
		}
	}
	got, err := FromJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	if got != s {
		t.Errorf("round trip: got %+v, want %+v", got, s)
	}
}

// TestFromJSONOlderFile reads the config metadata exactly as model files
// written before the shape was one type spell it.
func TestFromJSONOlderFile(t *testing.T) {
	const old = `{"d_model":64,"heads":4,"ff":256,"layers":2,"max_len":20,"norm_first":true,"activation":"gelu","positions":"sinusoidal","dropout":0}`
	got, err := FromJSON([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	if got != bank {
		t.Errorf("got %+v, want %+v", got, bank)
	}
	if b, _ := got.JSON(); string(b) != old {
		t.Errorf("JSON = %s, want the older files' %s", b, old)
	}
}

func TestFromJSONErrors(t *testing.T) {
	good, _ := bank.JSON()
	tests := []struct {
		name, json, want string
	}{
		{"unknown key", strings.Replace(string(good), "{", `{"depth":3,`, 1), `unknown key "depth"`},
		{"key in other case", strings.Replace(string(good), `"heads"`, `"HEADS"`, 1), `unknown key "HEADS"`},
		{"missing key", strings.Replace(string(good), `"norm_first":true,`, "", 1), `missing key "norm_first"`},
		{"wrong type", strings.Replace(string(good), `"heads":4`, `"heads":"4"`, 1), "model json:"},
		{"invalid shape", strings.Replace(string(good), `"heads":4`, `"heads":5`, 1), "model.heads: d_model 64 is not divisible by heads 5"},
		{"unknown activation", strings.Replace(string(good), `"gelu"`, `"tanh"`, 1), `model.activation: want one of gelu, relu; got "tanh"`},
		{"not json", "heads: 4", "model json:"},
		{"trailing", string(good) + "{}", "after top-level value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromJSON([]byte(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *Shape)
		want   []string // "key: message" of each problem
	}{
		{"valid", func(s *Shape) {}, nil},
		{"heads", func(s *Shape) { s.Heads = 5 }, []string{"model.heads: d_model 64 is not divisible by heads 5"}},
		{"several", func(s *Shape) { s.DModel, s.MaxLen, s.Positions, s.Dropout = 0, 1, "rotary", 1 }, []string{
			"model.d_model: must be at least 1, got 0",
			"model.max_len: must be at least 2, got 1",
			`model.positions: want one of sinusoidal, learned; got "rotary"`,
			"model.dropout: must be in [0, 1), got 1",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := bank
			tt.change(&s)
			var got []string
			for _, p := range s.Problems() {
				got = append(got, p.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Problems = %q, want %q", got, tt.want)
			}
			if (s.Validate() == nil) != (tt.want == nil) {
				t.Errorf("Validate = %v", s.Validate())
			}
		})
	}
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *Shape)
		want   []string
	}{
		{"same", func(s *Shape) {}, nil},
		{"heads", func(s *Shape) { s.Heads = 8 }, []string{"model.heads"}},
		{"several", func(s *Shape) { s.DModel, s.NormFirst, s.Positions = 32, false, Learned },
			[]string{"model.d_model", "model.norm_first", "model.positions"}},
		{"dropout is not shape", func(s *Shape) { s.Dropout = 0.1 }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := bank
			tt.change(&o)
			diff := bank.Diff(o)
			var got []string
			for _, d := range diff {
				got = append(got, d.Key)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Diff keys = %v, want %v", got, tt.want)
			}
			if tt.name == "heads" && len(diff) == 1 && (diff[0].A != fmt.Sprint(bank.Heads) || diff[0].B != "8") {
				t.Errorf("Diff = %+v, want the values %d and 8", diff, bank.Heads)
			}
		})
	}
}
