package kernels

import (
	"math"
	"testing"
)

// ExpSub agrees with Exp32 element by element (to the bit unless the
// compiler fused Exp32's multiply-adds; then within 1 ulp), on a grid over
// [-90, 0] shifted by a few softmax maxima, with lengths that leave tails.
func TestExpSubMatchesExp32(t *testing.T) {
	forEachPath(t, func(t *testing.T) {
		for _, c := range []float32{0, 3.5, -2.25, 40} {
			for _, n := range []int{0, 1, 7, 8, 9, 24, 1003} {
				x := make([]float32, n)
				for i := range x {
					x[i] = c - 90*float32(i)/float32(max(n-1, 1))
				}
				want := make([]float32, n)
				for i, v := range x {
					want[i] = Exp32(v - c)
				}
				ExpSub(x, c)
				for i := range x {
					d := int64(math.Float32bits(x[i])) - int64(math.Float32bits(want[i]))
					if d < -1 || d > 1 {
						t.Fatalf("c=%v n=%d: ExpSub[%d] = %v, Exp32 %v", c, n, i, x[i], want[i])
					}
				}
			}
		}
	})
}
