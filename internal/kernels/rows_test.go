package kernels

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"
)

// rowCase is rows rows of width elements, ld apart.
type rowCase struct{ rows, width, ld int }

var rowCases = []rowCase{
	{0, 8, 8}, {1, 8, 8}, {3, 16, 48}, {4, 16, 192}, {5, 16, 192}, {7, 24, 30},
	{16, 16, 192}, {17, 32, 100}, {64, 64, 200}, {9, 5, 7}, {4, 1, 1}, {2, 0, 3},
}

// rowData returns x (width) and m (rows rows, NaN in the gaps between them).
func rowData(c rowCase, seed uint64) (x, a, m []float32) {
	r := rand.New(rand.NewPCG(seed, 7))
	x = make([]float32, c.width)
	for i := range x {
		x[i] = r.Float32()*2 - 1
	}
	a = make([]float32, c.rows)
	for i := range a {
		a[i] = r.Float32()*2 - 1
	}
	m = make([]float32, max(0, (c.rows-1)*c.ld+c.width))
	for i := range m {
		m[i] = float32(math.NaN())
		if i%c.ld < c.width {
			m[i] = r.Float32()*2 - 1
		}
	}
	return x, a, m
}

// near reports whether got is within a few float32 roundings of the exact want.
func near(got float32, want, scale float64) bool {
	return math.Abs(float64(got)-want) <= 1e-6*(scale+1)
}

// forEachPath runs f with the assembly on (where the CPU has it) and off.
func forEachPath(t *testing.T, f func(t *testing.T)) {
	saved := vecAsm
	defer func() { vecAsm = saved }()
	for _, on := range []bool{false, true} {
		if on && !saved {
			continue
		}
		vecAsm = on
		t.Run(map[bool]string{false: "go", true: "asm"}[on], f)
	}
}

func TestRowKernels(t *testing.T) {
	forEachPath(t, func(t *testing.T) {
		for i, c := range rowCases {
			x, a, m := rowData(c, uint64(i))
			out := make([]float32, c.rows)
			DotRows(out, x, m, c.ld)
			y := append([]float32{}, x...)
			AxpyRows(y, a, m, c.ld)
			m2 := append([]float32{}, m...)
			AddOuter(m2, c.ld, a, x)
			for i := range x {
				want, scale := float64(x[i]), math.Abs(float64(x[i]))
				for j := range a {
					p := float64(a[j]) * float64(m[j*c.ld+i])
					want, scale = want+p, scale+math.Abs(p)
				}
				if !near(y[i], want, scale) {
					t.Errorf("%+v: AxpyRows y[%d] = %v, want %v", c, i, y[i], want)
				}
			}
			for j := range out {
				var want, scale float64
				for i := range x {
					p := float64(x[i]) * float64(m[j*c.ld+i])
					want, scale = want+p, scale+math.Abs(p)
				}
				if !near(out[j], want, scale) {
					t.Errorf("%+v: DotRows out[%d] = %v, want %v", c, j, out[j], want)
				}
			}
			for k := range m {
				j, i := k/c.ld, k%c.ld
				if i >= c.width {
					if !math.IsNaN(float64(m2[k])) {
						t.Errorf("%+v: AddOuter wrote the gap at %d", c, k)
					}
					continue
				}
				want := float64(m[k]) + float64(a[j])*float64(x[i])
				if !near(m2[k], want, math.Abs(float64(m[k]))+math.Abs(float64(a[j]*x[i]))) {
					t.Errorf("%+v: AddOuter m[%d] = %v, want %v", c, k, m2[k], want)
				}
			}
		}
	})
}

func TestRowKernelsCheckLengths(t *testing.T) {
	for name, f := range map[string]func(){
		"DotRows":  func() { DotRows(make([]float32, 3), make([]float32, 8), make([]float32, 23), 8) },
		"AxpyRows": func() { AxpyRows(make([]float32, 8), make([]float32, 3), make([]float32, 23), 8) },
		"AddOuter": func() { AddOuter(make([]float32, 23), 8, make([]float32, 3), make([]float32, 8)) },
		"ld":       func() { DotRows(make([]float32, 2), make([]float32, 8), make([]float32, 100), 4) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: short m did not panic", name)
				}
			}()
			f()
		}()
	}
}

// Parallel covers [0, n) exactly once, whatever the cut and worker count.
func TestParallelCoversRange(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(procs)
		for _, c := range [][2]int{{0, 0}, {0, 3}, {1, 1}, {10, 3}, {100, 7}, {5, 8}} {
			n, parts := c[0], c[1]
			hits := make([]int32, n)
			Parallel(n, parts, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					atomic.AddInt32(&hits[i], 1)
				}
			})
			for i, h := range hits {
				if h != 1 {
					t.Fatalf("procs %d, n %d, parts %d: index %d visited %d times", procs, n, parts, i, h)
				}
			}
		}
	}
}
