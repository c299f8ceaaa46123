package checkpoint

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// buildFile lays out a safetensors file by hand from a header and data
// section, independently of the code under test: 8-byte little-endian
// header length, header padded with spaces to a multiple of 8, data.
func buildFile(header string, data []byte) []byte {
	for len(header)%8 != 0 {
		header += " "
	}
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, uint64(len(header)))
	b.WriteString(header)
	b.Write(data)
	return b.Bytes()
}

func f32Bytes(xs ...float32) []byte {
	b := make([]byte, 4*len(xs))
	for i, x := range xs {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

func f64Bytes(xs ...float64) []byte {
	b := make([]byte, 8*len(xs))
	for i, x := range xs {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(x))
	}
	return b
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSafetensorsRoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		tensors map[string]Tensor
		meta    map[string]string
	}{
		{"empty", map[string]Tensor{}, nil},
		{"scalar", map[string]Tensor{"s": {Shape: []int{}, Data: []float32{3.5}}}, nil},
		{"zero-size", map[string]Tensor{"z": {Shape: []int{0, 4}, Data: []float32{}}}, nil},
		{"several with metadata", map[string]Tensor{
			"layer.0.w": {Shape: []int{2, 3}, Data: []float32{1, -2, 3.25, float32(math.Inf(1)), 0, -0.5}},
			"layer.0.b": {Shape: []int{3}, Data: []float32{0.1, 0.2, 0.3}},
			"emb":       {Shape: []int{1, 1, 2}, Data: []float32{math.MaxFloat32, math.SmallestNonzeroFloat32}},
		}, map[string]string{"format": "pt", "step": "400", "quote": `a "b" <c>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "model.safetensors")
			if err := writeSafetensors(path, tt.tensors, tt.meta); err != nil {
				t.Fatal(err)
			}
			got, meta, err := ReadSafetensors(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.tensors) {
				t.Fatalf("read %d tensors, wrote %d", len(got), len(tt.tensors))
			}
			for name, want := range tt.tensors {
				g, ok := got[name]
				if !ok {
					t.Fatalf("tensor %q missing", name)
				}
				if !reflect.DeepEqual(g.Shape, want.Shape) || !reflect.DeepEqual(g.Data, want.Data) {
					t.Errorf("tensor %q = %v %v, want %v %v", name, g.Shape, g.Data, want.Shape, want.Data)
				}
			}
			if len(tt.meta) > 0 && !reflect.DeepEqual(meta, tt.meta) {
				t.Errorf("metadata = %v, want %v", meta, tt.meta)
			}
			if len(tt.meta) == 0 && len(meta) != 0 {
				t.Errorf("metadata = %v, want none", meta)
			}
		})
	}
}

// TestSafetensorsLayout pins the exact bytes against a hand-built file, so
// the output is the standard layout other readers (Python's safetensors)
// expect, and is byte-identical across writes.
func TestSafetensorsLayout(t *testing.T) {
	tensors := map[string]Tensor{
		"b": {Shape: []int{2}, Data: []float32{1, 2}},
		"a": {Shape: []int{1, 1}, Data: []float32{-1}},
	}
	meta := map[string]string{"k": "v"}
	want := buildFile(`{"__metadata__":{"k":"v"},`+
		`"a":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]},`+
		`"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}`,
		f32Bytes(-1, 1, 2))

	dir := t.TempDir()
	for _, name := range []string{"one.safetensors", "two.safetensors"} {
		path := filepath.Join(dir, name)
		if err := writeSafetensors(path, tensors, meta); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", name, got, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("folder holds %d entries, want 2 (temporary file left?)", len(entries))
	}
}

func TestReadSafetensorsF64(t *testing.T) {
	path := writeTemp(t, "f64.safetensors", buildFile(
		`{"x":{"dtype":"F64","shape":[3],"data_offsets":[0,24]},"__metadata__":{"source":"numpy"}}`,
		f64Bytes(0.5, -2, 1e10)))
	got, meta, err := ReadSafetensors(path)
	if err != nil {
		t.Fatal(err)
	}
	want := Tensor{Shape: []int{3}, Data: []float32{0.5, -2, 1e10}}
	if !reflect.DeepEqual(got["x"], want) {
		t.Errorf("x = %v, want %v", got["x"], want)
	}
	if meta["source"] != "numpy" {
		t.Errorf("metadata = %v, want source=numpy", meta)
	}
}

func TestReadSafetensorsDamaged(t *testing.T) {
	good := buildFile(`{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}`, f32Bytes(1, 2))
	tests := []struct {
		name string
		file []byte
		want []string // substrings the error must contain besides the path
	}{
		{"empty file", nil, []string{"too short"}},
		{"cut inside length", good[:5], []string{"too short"}},
		{"cut inside header", good[:20], []string{"header length"}},
		{"cut inside data", good[:len(good)-3], []string{`"w"`, "out of range"}},
		{"huge header length", append([]byte{0, 0, 0, 0, 0, 0, 0, 0x7f}, good[8:]...), []string{"header length"}},
		{"bad JSON", buildFile(`{"w":{"dtype":"F32",`, nil), []string{"bad header JSON"}},
		{"header not an object", buildFile(`[1,2]`, nil), []string{"bad header JSON"}},
		{"unsupported dtype", buildFile(`{"i":{"dtype":"I32","shape":[2],"data_offsets":[0,8]}}`, make([]byte, 8)), []string{`"i"`, "I32"}},
		{"size does not match shape", buildFile(`{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}`, f32Bytes(1, 2)), []string{`"w"`, "needs 12 bytes"}},
		{"shape overflows", buildFile(`{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}`, f32Bytes(1, 2)), []string{`"w"`, "too large"}},
		{"offsets reversed", buildFile(`{"w":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}`, f32Bytes(1, 2)), []string{`"w"`, "out of range"}},
		{"offsets not a pair", buildFile(`{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8,8]}}`, f32Bytes(1, 2)), []string{`"w"`, "data_offsets"}},
		{"missing shape", buildFile(`{"w":{"dtype":"F32","data_offsets":[0,4]}}`, f32Bytes(1)), []string{`"w"`, "needs dtype, shape and data_offsets"}},
		{"negative dimension", buildFile(`{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}`, f32Bytes(1)), []string{`"w"`, "bad header entry"}},
		{"metadata not strings", buildFile(`{"__metadata__":{"step":4}}`, nil), []string{"__metadata__"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "bad.safetensors", tt.file)
			_, _, err := ReadSafetensors(path)
			if err == nil {
				t.Fatal("ReadSafetensors succeeded, want error")
			}
			for _, s := range append([]string{path}, tt.want...) {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
		})
	}
}

func TestReadSafetensorsMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.safetensors")
	if _, _, err := ReadSafetensors(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error = %v, want one naming %s", err, path)
	}
}

func TestEncodeSafetensorsInvalid(t *testing.T) {
	tests := []struct {
		name    string
		tensors map[string]Tensor
		want    string
	}{
		{"too few values", map[string]Tensor{"w": {Shape: []int{2, 2}, Data: []float32{1, 2, 3}}}, `"w"`},
		{"too many values", map[string]Tensor{"w": {Shape: []int{1}, Data: []float32{1, 2}}}, `"w"`},
		{"negative dimension", map[string]Tensor{"w": {Shape: []int{-1}, Data: nil}}, "negative"},
		{"reserved name", map[string]Tensor{"__metadata__": {Shape: []int{1}, Data: []float32{1}}}, "__metadata__"},
		{"empty name", map[string]Tensor{"": {Shape: []int{1}, Data: []float32{1}}}, "invalid tensor name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := EncodeSafetensors(tt.tensors, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one naming %s", err, tt.want)
			}
		})
	}
}

// writeSafetensors writes a model file for the tests that read one.
func writeSafetensors(path string, tensors map[string]Tensor, meta map[string]string) error {
	b, err := EncodeSafetensors(tensors, meta)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// littleEndianBytes must give the format's bytes, whichever path it takes.
func TestLittleEndianBytes(t *testing.T) {
	for _, x := range [][]float32{nil, {0}, {1, -2.5, float32(math.Inf(1)), math.SmallestNonzeroFloat32, float32(math.NaN())}} {
		want := make([]byte, 4*len(x))
		for i, v := range x {
			binary.LittleEndian.PutUint32(want[4*i:], math.Float32bits(v))
		}
		if got := littleEndianBytes(x); !bytes.Equal(got, want) {
			t.Errorf("%v: % x, want % x", x, got, want)
		}
	}
}

// sizeBound must hold for the names and metadata that JSON escapes most,
// or EncodeSafetensors' buffer would grow after all.
func TestSizeBound(t *testing.T) {
	worst := strings.Repeat("<>&\x01\"\\\xff", 50)
	cases := map[string]struct {
		tensors map[string]Tensor
		meta    map[string]string
	}{
		"none":    {map[string]Tensor{}, nil},
		"scalar":  {map[string]Tensor{"s": {Shape: []int{}, Data: []float32{1}}}, nil},
		"escapes": {map[string]Tensor{worst: {Shape: []int{1, 2, 3}, Data: make([]float32, 6)}}, map[string]string{worst: worst, "vocab": `["a","b"]`}},
		"big":     {map[string]Tensor{"w": {Shape: []int{1000, 64}, Data: make([]float32, 64000)}}, map[string]string{"format": "x"}},
	}
	for name, c := range cases {
		b, err := EncodeSafetensors(c.tensors, c.meta)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		views, err := newF32Views(c.tensors)
		if err != nil {
			t.Fatal(err)
		}
		if bound := sizeBound(views, c.meta); len(b) > bound {
			t.Errorf("%s: file of %d bytes, bound %d", name, len(b), bound)
		}
	}
}
