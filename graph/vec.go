package graph

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
