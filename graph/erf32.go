package graph

import (
	"math"

	"github.com/attendlab/attend/internal/kernels"
)

// erfs sets v[i] = erf(v[i]): math.Erf in float64; erf32 in float32, 8 lanes
// at a time where the kernels package can (the same bits).
func erfs[T Float](v []T) {
	f, ok := any(v).([]float32)
	if !ok {
		for i := range v {
			v[i] = T(math.Erf(float64(v[i])))
		}
		return
	}
	for i := kernels.ErfPrefix(f); i < len(f); i++ {
		f[i] = erf32(f[i])
	}
}

// erf32 is erf in float32 arithmetic, within 2 ulp of math.Erf over the whole
// float32 line (TestErf32 checks a dense grid). Below |x| = 1 it is x·p(x²),
// which keeps full relative precision near zero; on [1,2), [2,3) and [3,4) it
// is a polynomial per interval; from 4 on erf rounds to ±1 in float32. The
// polynomials are Chebyshev interpolants of math.Erf, evaluated by Clenshaw's
// recurrence; internal/erfgen prints their coefficients. The vector form in
// kernels (erfAVX2) is generated from these tables: after changing them, run
// go generate ./internal/kernels/... (TestErfsSameBitsAsErf32 fails until then).
func erf32(x float32) float32 {
	a := x
	if a < 0 {
		a = -a
	}
	if a < 1 {
		return x * chebyshev32(erfSmall[:], 2*x*x-1)
	}
	var r float32 = 1
	switch {
	case a < 2:
		r = chebyshev32(erfBig[0][:], 2*a-3)
	case a < 3:
		r = chebyshev32(erfBig[1][:], 2*a-5)
	case a < 4:
		r = chebyshev32(erfBig[2][:], 2*a-7)
	case a != a: // NaN
		return x
	}
	if x < 0 {
		return -r
	}
	return r
}

// chebyshev32 sums c[j]·T_j(u) for u in [-1, 1] by Clenshaw's recurrence.
func chebyshev32(s []float32, u float32) float32 {
	var b1, b2 float32
	for j := len(s) - 1; j >= 1; j-- {
		b1, b2 = 2*u*b1-b2+s[j], b1
	}
	return u*b1 - b2 + s[0]
}

// erfSmall: erf(x)/x as a function of u = 2x²-1, for |x| < 1.
var erfSmall = [8]float32{0.9754769, -0.1422612, 0.010035582, -0.00057687645, 2.7419932e-05, -1.1043176e-06, 3.8488757e-08, -1.1808582e-09}

// erfBig[i]: erf(x) as a function of u = 2(x-1-i)-1, for x in [1+i, 2+i).
var erfBig = [3][10]float32{
	{0.94285226, 0.07216411, -0.023555662, 0.0041797194, -0.0002938447, -3.2638636e-05, 8.853743e-06, -4.6810084e-07, -7.3301095e-08, 1.1752407e-08},
	{0.99869686, 0.0019935207, -0.0009701841, 0.00032191107, -7.5321055e-05, 1.2343188e-05, -1.2964141e-06, 4.919952e-08, 9.347898e-09, -1.8722146e-09},
	{0.9999949, 8.532197e-06, -5.10821e-06, 2.2827107e-06, -7.8712065e-07, 2.1434786e-07, -4.6711147e-08, 8.165367e-09, -1.1302927e-09, 1.1859233e-10},
}
