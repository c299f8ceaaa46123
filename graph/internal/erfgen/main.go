// Command erfgen prints the coefficients of graph's float32 erf: Chebyshev
// interpolants of math.Erf at 64 nodes, rounded to float32.
//
//	go run ./graph/internal/erfgen
package main

import (
	"fmt"
	"math"
)

// chebyshev interpolates f on [-1, 1] with degree n.
func chebyshev(f func(float64) float64, n int) []float32 {
	const nodes = 64
	c := make([]float64, n+1)
	for k := 0; k < nodes; k++ {
		th := math.Pi * (float64(k) + 0.5) / nodes
		fx := f(math.Cos(th))
		for j := range c {
			c[j] += 2.0 / nodes * fx * math.Cos(float64(j)*th)
		}
	}
	c[0] /= 2
	out := make([]float32, len(c))
	for i, v := range c {
		out[i] = float32(v)
	}
	return out
}

func main() {
	small := chebyshev(func(u float64) float64 {
		x := math.Sqrt((u + 1) / 2) // u = 2x²-1
		if x == 0 {
			return 2 / math.SqrtPi
		}
		return math.Erf(x) / x
	}, 7)
	fmt.Printf("erfSmall = %#v\n", small)
	for i := 0; i < 3; i++ {
		lo := float64(1 + i)
		fmt.Printf("erfBig[%d] = %#v\n", i, chebyshev(func(u float64) float64 { return math.Erf(lo + (u+1)/2) }, 9))
	}
}
