package runfolder

import (
	"encoding/json"
	"testing"

	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/internal/fuzzcheck"
)

// FuzzState: any "state" of a state.json decodes into a State whose config
// validates, or fails; never a panic.
func FuzzState(f *testing.F) {
	c, err := configs.Default()
	if err != nil {
		f.Fatal(err)
	}
	good, err := json.Marshal(State{Step: 3, DropoutRNG: []byte{1, 2}, Config: c, Best: Best{Step: -1}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"step":3}`))
	f.Add([]byte(`{"step":-1,"config":{}}`))
	f.Add([]byte(`{"config":{"model":{"heads":0}}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzcheck.Alloc(t, len(b), 128, func() {
			st, err := decodeState(b)
			if err == nil && (st.Config == nil || st.Config.Validate() != nil) {
				t.Fatal("decoded a state without a valid config")
			}
		})
	})
}
