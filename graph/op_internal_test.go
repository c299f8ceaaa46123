package graph

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// TestIsElemAdd: the executor's own addition replaces gorgonia's additions
// only, not its other elementwise ops nor attend's.
func TestIsElemAdd(t *testing.T) {
	g := gorgonia.NewGraph()
	a := gorgonia.NewMatrix(g, tensor.Float32, gorgonia.WithShape(2, 3), gorgonia.WithName("a"))
	b := gorgonia.NewMatrix(g, tensor.Float32, gorgonia.WithShape(2, 3), gorgonia.WithName("b"))
	tests := []struct {
		name string
		op   gorgonia.Op
		want bool
	}{
		{"add", gorgonia.Must(gorgonia.Add(a, b)).Op(), true},
		{"sub", gorgonia.Must(gorgonia.Sub(a, b)).Op(), false},
		{"mul", gorgonia.Must(gorgonia.HadamardProd(a, b)).Op(), false},
		{"attend's mask", maskOp{opBase{"Mask", 2}, 2}, false},
	}
	for _, tt := range tests {
		if got := isElemAdd(tt.op); got != tt.want {
			t.Errorf("%s (%v): isElemAdd %v, want %v", tt.name, tt.op, got, tt.want)
		}
	}
}

// TestDenseDtypes: dense is the one place an op refuses a dtype other than
// float32 and float64.
func TestDenseDtypes(t *testing.T) {
	tests := []struct {
		v    gorgonia.Value
		want string
	}{
		{tensor.New(tensor.WithShape(2), tensor.WithBacking([]float32{1, 2})), ""},
		{tensor.New(tensor.WithShape(2), tensor.WithBacking([]float64{1, 2})), ""},
		{tensor.New(tensor.WithShape(2), tensor.WithBacking([]int{1, 2})), "op: unsupported dtype int"},
		{gorgonia.NewF32(1), "op: want a dense tensor"},
	}
	for _, tt := range tests {
		_, err := dense("op", tt.v)
		if (tt.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("dense(%v): %v, want %q", tt.v, err, tt.want)
		}
	}
}

// rowMax gives a sequential max(m, v) loop's bits, signed zeros and NaN
// included, at lengths around its four-way unrolling.
func TestRowMaxSameAsLoop(t *testing.T) {
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	negZero := float32(math.Copysign(0, -1))
	rows := [][]float32{
		{1}, {negZero, 0}, {0, negZero}, {negZero, negZero, negZero, negZero, negZero, 0},
		{-inf, -inf}, {3, nan, 5}, {1, 2, 3, 4, 5, nan}, {-1, -2, inf, -3, -4, -5, -6, -7, -8},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 1; n <= 13; n++ {
		row := make([]float32, n)
		for i := range row {
			row[i] = float32(rng.NormFloat64())
		}
		rows = append(rows, row)
	}
	for _, row := range rows {
		want := row[0]
		for _, v := range row[1:] {
			want = max(want, v)
		}
		if got := rowMax(row); math.Float32bits(got) != math.Float32bits(want) && !(got != got && want != want) {
			t.Errorf("rowMax(%v) = %v, want %v", row, got, want)
		}
	}
}
