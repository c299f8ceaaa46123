package runfolder

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestValidationJSON: the keys come from the registered heads in rank
// order, a head the run does not train writes 0, and a record reads back
// as it was written (old state.json files have the same keys).
func TestValidationJSON(t *testing.T) {
	probe := 0.75
	tests := []struct {
		name string
		v    Validation
		want string
	}{
		{"sense", Validation{Step: 4, Loss: 0.5, Terms: map[string]float64{"sense": 0.5}, Acc: map[string]float64{}, Probe: &probe, PerWord: map[string]float64{"bank": 0.75}},
			`{"step":4,"val_loss":0.5,"val_mlm_loss":0,"val_mlm_acc":0,"val_sense_loss":0.5,"sense_probe_acc":0.75,"sense_probe":{"bank":0.75}}`},
		{"mlm, plain text", Validation{Step: 2, Loss: 3, Terms: map[string]float64{"mlm": 3}, Acc: map[string]float64{"mlm": 0.25}, PerWord: map[string]float64{}},
			`{"step":2,"val_loss":3,"val_mlm_loss":3,"val_mlm_acc":0.25,"val_sense_loss":0,"sense_probe_acc":null,"sense_probe":{}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(&tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("got  %s\nwant %s", b, tt.want)
			}
			var back Validation
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			again, _ := json.Marshal(&back)
			if string(again) != tt.want || back.Step != tt.v.Step || !reflect.DeepEqual(back.PerWord, tt.v.PerWord) {
				t.Errorf("read back as %s (%+v)", again, back)
			}
		})
	}
	var bad Validation
	if err := json.Unmarshal([]byte(`{"val_mlm_loss":"x"}`), &bad); err == nil {
		t.Error("a string loss read without an error")
	}
}
