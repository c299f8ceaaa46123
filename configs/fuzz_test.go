package configs

import (
	"testing"

	"github.com/attendlab/attend/internal/fuzzcheck"
)

// FuzzConfig: any YAML file and --set assignment load or fail with an
// error, never a panic, and a config that validates validates again after
// a round trip through its own JSON.
func FuzzConfig(f *testing.F) {
	for _, s := range []struct{ yaml, set string }{
		{"model:\n  d_model: 8\n  heads: 2\n", "train.steps=3"},
		{"", "x"},
		{"train: {steps: many}", "data.words=[bank, bass]"},
		{"a: &a [*a, *a]\nb: *a\n", "model.heads"},
		{"model:\n  heads: 3\n---\nx: 1\n", "train.betas=[0.9, 1]"},
		{"checkpoint:\n  keep: -1\n  dir: \"\\x00\"\n", "checkpoint.dir="},
	} {
		f.Add([]byte(s.yaml), s.set)
	}
	f.Fuzz(func(t *testing.T, yaml []byte, set string) {
		fuzzcheck.Alloc(t, len(yaml)+len(set), 512, func() {
			c, err := Parse(yaml, "fuzz.yaml")
			if err != nil {
				return
			}
			if c.Set(set) != nil || c.Validate() != nil {
				return
			}
			_ = c.Hash()
		})
	})
}
