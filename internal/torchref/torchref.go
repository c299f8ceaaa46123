// Package torchref loads the PyTorch reference vectors used by the tests.
//
// The files are JSON written by PyTorch in float64 (see testdata/torch/README.md).
// Tests read them from the folder named by ATTEND_TORCH_REF when it is set, so
// another reference set with other shapes runs through the same tests.
package torchref

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
)

// EnvVar names the environment variable that overrides the reference folder.
const EnvVar = "ATTEND_TORCH_REF"

// Tensor is one named array: a row-major flat slice and its shape.
type Tensor struct {
	Shape []int     `json:"shape"`
	Data  []float64 `json:"data"`
}

// Size is the number of elements the shape holds.
func (t Tensor) Size() int {
	n := 1
	for _, d := range t.Shape {
		n *= d
	}
	return n
}

// Ints returns the data as integers (ids, targets and masks are stored as floats).
func (t Tensor) Ints() []int {
	out := make([]int, len(t.Data))
	for i, v := range t.Data {
		out[i] = int(v)
	}
	return out
}

// Case is one reference file.
type Case struct {
	About   string            `json:"about"`
	Config  map[string]any    `json:"config"`
	Tensors map[string]Tensor `json:"tensors"`
	Path    string            `json:"-"`
}

// Dir is the reference folder: $ATTEND_TORCH_REF, else the project's testdata/torch.
func Dir() string {
	if d := os.Getenv(EnvVar); d != "" {
		return d
	}
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "torch")
}

// Load reads one reference file by base name, for example "mha.json".
func Load(name string) (*Case, error) {
	path := filepath.Join(Dir(), name)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("torchref: %w", err)
	}
	c := &Case{Path: path}
	if err := json.Unmarshal(b, c); err != nil {
		return nil, fmt.Errorf("torchref: parse %s: %w", path, err)
	}
	for k, t := range c.Tensors {
		if t.Size() != len(t.Data) {
			return nil, fmt.Errorf("torchref: %s: tensor %s has %d values for shape %v", path, k, len(t.Data), t.Shape)
		}
	}
	return c, nil
}

// T returns the named tensor or an error naming the file.
func (c *Case) T(name string) (Tensor, error) {
	t, ok := c.Tensors[name]
	if !ok {
		return Tensor{}, fmt.Errorf("torchref: %s has no tensor %q", c.Path, name)
	}
	return t, nil
}

// Int reads an integer config value.
func (c *Case) Int(key string) (int, error) {
	v, ok := c.Config[key].(float64)
	if !ok {
		return 0, fmt.Errorf("torchref: %s: config %q missing or not a number", c.Path, key)
	}
	return int(v), nil
}

// Float reads a float config value.
func (c *Case) Float(key string) (float64, error) {
	v, ok := c.Config[key].(float64)
	if !ok {
		return 0, fmt.Errorf("torchref: %s: config %q missing or not a number", c.Path, key)
	}
	return v, nil
}

// Bool reads a boolean config value.
func (c *Case) Bool(key string) (bool, error) {
	v, ok := c.Config[key].(bool)
	if !ok {
		return false, fmt.Errorf("torchref: %s: config %q missing or not a bool", c.Path, key)
	}
	return v, nil
}

// String reads a string config value.
func (c *Case) String(key string) (string, error) {
	v, ok := c.Config[key].(string)
	if !ok {
		return "", fmt.Errorf("torchref: %s: config %q missing or not a string", c.Path, key)
	}
	return v, nil
}

// MaxErr compares got with want and returns the largest absolute error and the
// largest relative error over the elements with |want| >= 1e-6 (relative error
// means little on values that are zero up to rounding).
func MaxErr(got, want []float64) (abs, rel float64) {
	for i := range want {
		d := got[i] - want[i]
		if d < 0 {
			d = -d
		}
		if d > abs {
			abs = d
		}
		w := want[i]
		if w < 0 {
			w = -w
		}
		if w < 1e-6 {
			continue
		}
		if r := d / w; r > rel {
			rel = r
		}
	}
	return abs, rel
}

// Check compares got with want element by element: an element passes when its
// absolute error is at most atol or its relative error at most rtol. It returns
// the largest absolute and relative errors and the index of the first failure (-1 if none).
func Check(got, want []float64, rtol, atol float64) (maxAbs, maxRel float64, bad int) {
	bad = -1
	if len(got) != len(want) {
		return 0, 0, 0
	}
	maxAbs, maxRel = MaxErr(got, want)
	for i := range want {
		d := math.Abs(got[i] - want[i])
		if d > atol && d > rtol*math.Abs(want[i]) && bad < 0 {
			bad = i
		}
	}
	return maxAbs, maxRel, bad
}
