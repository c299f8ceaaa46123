package graph

import (
	"math"

	"github.com/attendlab/attend/kernels"
)

// Row products of the fused attention: float32 goes to the kernels package
// (AVX2+FMA where it can), float64 (the exact reference path) stays in these
// plain loops.

// dotRows sets out[j] = x · m[j·ld : j·ld+len(x)].
func dotRows[T Float](out, x, m []T, ld int) {
	if o, ok := any(out).([]float32); ok {
		kernels.DotRows(o, any(x).([]float32), any(m).([]float32), ld)
		return
	}
	for j := range out {
		row := m[j*ld:][:len(x)]
		var s T
		for i, v := range x {
			s += v * row[i]
		}
		out[j] = s
	}
}

// axpyRows adds Σ_j a[j]·m[j·ld : j·ld+len(y)] to y.
func axpyRows[T Float](y, a, m []T, ld int) {
	if o, ok := any(y).([]float32); ok {
		kernels.AxpyRows(o, any(a).([]float32), any(m).([]float32), ld)
		return
	}
	for j, aj := range a {
		for i, v := range m[j*ld:][:len(y)] {
			y[i] += aj * v
		}
	}
}

// addOuter adds a[j]·x to m[j·ld : j·ld+len(x)] for every j < len(a).
func addOuter[T Float](m []T, ld int, a, x []T) {
	if o, ok := any(m).([]float32); ok {
		kernels.AddOuter(o, ld, any(a).([]float32), any(x).([]float32))
		return
	}
	for j, aj := range a {
		row := m[j*ld:][:len(x)]
		for i, v := range x {
			row[i] += aj * v
		}
	}
}

// expSub sets x[i] = e^(x[i]-c); float32 in kernels.ExpSub (Exp32's
// arithmetic, 8 lanes at a time), float64 by math.Exp.
func expSub[T Float](x []T, c T) {
	if v, ok := any(x).([]float32); ok {
		kernels.ExpSub(v, any(c).(float32))
		return
	}
	for i := range x {
		x[i] = T(math.Exp(float64(x[i] - c)))
	}
}

// grow returns s with length n, reusing its storage when it is large enough.
func grow[T Float](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

// axpy adds a·x to y.
func axpy[T Float](a T, x, y []T) {
	for i, v := range x {
		y[i] += a * v
	}
}
