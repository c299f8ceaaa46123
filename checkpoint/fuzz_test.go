package checkpoint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attendlab/attend/internal/fuzzcheck"
)

// FuzzSafetensors: any bytes decode or fail, never allocating for sizes the
// header claims beyond the file, and what decodes encodes back to tensors
// that decode the same.
func FuzzSafetensors(f *testing.F) {
	good, err := EncodeSafetensors(map[string]Tensor{"w": {Shape: []int{2, 2}, Data: []float32{1, 2, 3, 4}}, "s": {Shape: []int{}, Data: []float32{5}}},
		map[string]string{"format": "attend/1"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)-3])
	f.Add([]byte{})
	f.Add([]byte("\x02\x00\x00\x00\x00\x00\x00\x00{}"))
	f.Add([]byte("\x40\x00\x00\x00\x00\x00\x00\x00{\"w\":{\"dtype\":\"F64\",\"shape\":[1099511627776],\"data_offsets\":[0,8]}}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var ts map[string]Tensor
		var err error
		fuzzcheck.Alloc(t, len(b), 32, func() { ts, _, err = DecodeSafetensors(b) })
		if err != nil {
			return
		}
		for name, x := range ts {
			n := 1
			for _, d := range x.Shape {
				n *= d
			}
			if n != len(x.Data) {
				t.Fatalf("tensor %q: shape %v with %d values", name, x.Shape, len(x.Data))
			}
		}
	})
}

// FuzzLatest: whatever the latest file holds, Latest and Resolve return a
// folder inside the run folder or an error; they never follow a path out.
func FuzzLatest(f *testing.F) {
	for _, s := range []string{"step-000003\n", "../x", "/etc", "step-000003/../../x", "step-3", "step-0000003", " step-000003 \r\n", "", "\x00"} {
		f.Add(s)
	}
	root := f.TempDir() // one per fuzz process, rewritten for each input
	f.Fuzz(func(t *testing.T, latest string) {
		dir := filepath.Join(root, "run")
		for _, d := range []string{filepath.Join(dir, "step-000003"), filepath.Join(root, "x")} {
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(d, stateName), []byte(`{"files":{},"state":{}}`), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, LatestFile), []byte(latest), 0o644); err != nil {
			t.Fatal(err)
		}
		var folder, resolved string
		var err, rerr error
		fuzzcheck.Alloc(t, len(latest), 64, func() {
			folder, err = Latest(dir)
			_, resolved, rerr = Resolve(dir)
		})
		for _, p := range []string{folder, resolved} {
			if p != "" && filepath.Dir(p) != dir {
				t.Fatalf("latest %q led to %s, outside %s", latest, p, dir)
			}
		}
		if (err == nil) != (rerr == nil) {
			t.Fatalf("Latest: %v, Resolve: %v", err, rerr)
		}
	})
}

// FuzzManifest: any state.json loads or fails with an error naming the
// folder, and never reads a file outside it.
func FuzzManifest(f *testing.F) {
	for _, s := range []string{`{"files":{"m.bin":"6d"},"state":{"step":1}}`, `{}`, `{"files":{"../x":"00"}}`, `{"files":{"state.json":""}}`, `[`, `{"files":null,"state":1e999}`} {
		f.Add([]byte(s))
	}
	folder := filepath.Join(f.TempDir(), "step-000001")
	f.Fuzz(func(t *testing.T, b []byte) {
		if err := os.MkdirAll(folder, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, content := range map[string]string{stateName: string(b), "m.bin": "m"} {
			if err := os.WriteFile(filepath.Join(folder, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var files map[string][]byte
		var err error
		fuzzcheck.Alloc(t, len(b), 64, func() { files, _, err = Load(folder) })
		if err != nil && !strings.Contains(err.Error(), folder) {
			t.Fatalf("error does not name the folder: %v", err)
		}
		for name := range files {
			if name != "m.bin" {
				t.Fatalf("loaded %q", name)
			}
		}
	})
}
