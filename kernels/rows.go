package kernels

// Row kernels: the small products of attention, one (sequence, head) at a
// time. m holds rows of len(x) (or len(y)) elements, row j starting at
// m[j·ld]; the heads are already split over workers, so these run serially.
// With AVX2+FMA and lengths a multiple of 8 they run in assembly, otherwise
// in Go; either way the result depends only on the arguments.

// DotRows sets out[j] = Σ_i x[i]·m[j·ld+i] for every j < len(out).
func DotRows(out, x, m []float32, ld int) {
	checkRows("DotRows", len(out), len(x), len(m), ld)
	if len(out) == 0 {
		return
	}
	if vecAsm && len(x)%8 == 0 && len(x) > 0 {
		dotRowsAVX2(len(x)/8, &x[0], &m[0], ld, &out[0], len(out))
		return
	}
	for j := range out {
		row := m[j*ld:][:len(x)]
		var s float32
		for i, v := range x {
			s += v * row[i]
		}
		out[j] = s
	}
}

// AxpyRows adds Σ_j a[j]·m[j·ld : j·ld+len(y)] to y.
func AxpyRows(y, a, m []float32, ld int) {
	checkRows("AxpyRows", len(a), len(y), len(m), ld)
	if len(a) == 0 || len(y) == 0 {
		return
	}
	if vecAsm && len(y)%8 == 0 {
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
func AddOuter(m []float32, ld int, a, x []float32) {
	checkRows("AddOuter", len(a), len(x), len(m), ld)
	if len(a) == 0 || len(x) == 0 {
		return
	}
	if vecAsm && len(x)%8 == 0 {
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
