package graph

// dot is Σ a_i·b_i.
func dot[T Float](a, b []T) T {
	var s T
	for i, x := range a {
		s += x * b[i]
	}
	return s
}

// axpy adds a·x to y.
func axpy[T Float](a T, x, y []T) {
	for i, v := range x {
		y[i] += a * v
	}
}

// grow returns s with length n, reusing its storage when it is large enough.
func grow[T Float](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}
