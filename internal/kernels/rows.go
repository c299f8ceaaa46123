package kernels

// Row kernels: the small products of attention, one (sequence, head) at a
// time. m holds rows of len(x) (or len(y)) elements, row j starting at
// m[j·ld]; the heads are already split over workers, so these run serially.
// Float32 with AVX2+FMA and lengths a multiple of 8 runs in assembly, the
// rest (float64, attend's exact reference path, included) in Go; either way
// the result depends only on the arguments.

// Float is the element type of attend's tensors: float32 for training,
// float64 for gradient checks.
type Float interface{ ~float32 | ~float64 }

// f32 is s as a []float32 when T is float32.
func f32[T Float](s []T) ([]float32, bool) {
	v, ok := any(s).([]float32)
	return v, ok
}

// DotRows sets out[j] = Σ_i x[i]·m[j·ld+i] for every j < len(out).
func DotRows[T Float](out, x, m []T, ld int) {
	checkRows("DotRows", len(out), len(x), len(m), ld)
	if len(out) == 0 {
		return
	}
	if o, ok := f32(out); ok && vecAsm && len(x)%8 == 0 && len(x) > 0 {
		x, m := any(x).([]float32), any(m).([]float32)
		dotRowsAVX2(len(x)/8, &x[0], &m[0], ld, &o[0], len(o))
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

// AxpyRows adds Σ_j a[j]·m[j·ld : j·ld+len(y)] to y.
func AxpyRows[T Float](y, a, m []T, ld int) {
	checkRows("AxpyRows", len(a), len(y), len(m), ld)
	if len(a) == 0 || len(y) == 0 {
		return
	}
	if y, ok := f32(y); ok && vecAsm && len(y)%8 == 0 {
		a, m := any(a).([]float32), any(m).([]float32)
		axpyRowsAVX2(len(y)/8, &y[0], &a[0], &m[0], ld, len(a))
		return
	}
	for j, aj := range a {
		for i, v := range m[j*ld:][:len(y)] {
			y[i] += aj * v
		}
	}
}

// AddOuter adds a[j]·x to m[j·ld : j·ld+len(x)] for every j < len(a).
func AddOuter[T Float](m []T, ld int, a, x []T) {
	checkRows("AddOuter", len(a), len(x), len(m), ld)
	if len(a) == 0 || len(x) == 0 {
		return
	}
	if m, ok := f32(m); ok && vecAsm && len(x)%8 == 0 {
		a, x := any(a).([]float32), any(x).([]float32)
		addOuterAVX2(len(x)/8, &m[0], ld, &a[0], &x[0], len(a))
		return
	}
	for j, aj := range a {
		row := m[j*ld:][:len(x)]
		for i, v := range x {
			row[i] += aj * v
		}
	}
}

// checkRows panics unless rows rows of width elements, ld apart, fit in size:
// the assembly reads and writes through raw pointers.
func checkRows(fn string, rows, width, size, ld int) {
	if rows > 0 && width > 0 && (ld < width || size < (rows-1)*ld+width) {
		panic("kernels: " + fn + ": rows do not fit in m")
	}
}
