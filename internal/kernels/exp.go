package kernels

import "math"

// Exp32 is e^x in float32 arithmetic for x <= 0 (the Gaussian density needs
// no more): x = k·ln2 + r with |r| <= ln2/2, e^r by its Taylor series to r⁷
// (truncation below 1e-8 relative), times 2^k built in the exponent bits.
// Results below float32's smallest normal number are flushed to 0.
func Exp32(x float32) float32 {
	const (
		log2e = 1.4426950408889634
		ln2Hi = 0.693145751953125 // ln2 split so that k·ln2Hi is exact
		ln2Lo = 1.428606765330187e-06
	)
	if x < -87 {
		return 0
	}
	ki := int32(x*log2e - 0.5) // round to nearest, x <= 0
	k := float32(ki)
	r := (x - k*ln2Hi) - k*ln2Lo
	p := 1 + r*(1+r*(1.0/2+r*(1.0/6+r*(1.0/24+r*(1.0/120+r*(1.0/720+r*(1.0/5040)))))))
	return p * math.Float32frombits(uint32(ki+127)<<23)
}

// ExpSub sets x[i] = e^(x[i] - c): a softmax row's exponentials, c its
// maximum. Float64 uses math.Exp; float32 uses Exp32, blocks of 8 in AVX2
// assembly where the CPU has it, with the same operations in the same order
// (so the same bits, unless the Go compiler fuses Exp32's multiply-adds, as
// it may with GOAMD64=v3).
func ExpSub[T Float](x []T, c T) {
	v, ok := f32(x)
	if !ok {
		for i := range x {
			x[i] = T(math.Exp(float64(x[i] - c)))
		}
		return
	}
	c32, n := float32(c), 0
	if vecAsm && len(v) >= 8 {
		n = len(v) &^ 7
		expSubAVX2(n/8, &v[0], c32)
	}
	for i := n; i < len(v); i++ {
		v[i] = Exp32(v[i] - c32)
	}
}

// ErfPrefix applies graph's erf32 to the longest prefix of x it can take 8
// lanes at a time in AVX2 assembly (generated from erf32's own coefficients,
// step for step, so the same bits), and returns that prefix's length: 0
// without AVX2. The caller applies erf32 to the rest.
func ErfPrefix(x []float32) int {
	if !vecAsm || len(x) < 8 {
		return 0
	}
	n := len(x) &^ 7
	erfAVX2(n/8, &x[0])
	return n
}

// GeluPrefix runs graph's float32 GELU forward loop (cdf = Φ(x), y = x·Φ(x))
// over the longest prefix it can take 8 lanes at a time in AVX2 assembly (16
// at a time in AVX-512 where the CPU has it), with the same operations in the
// same order (so the same bits), and returns that prefix's length: 0 without
// AVX2. The caller does the rest.
func GeluPrefix(x, y, cdf []float32) int {
	if !vecAsm || len(x) < 8 || len(y) < len(x) || len(cdf) < len(x) {
		return 0
	}
	n := 0
	if vec512 && len(x) >= 16 {
		n = len(x) &^ 15
		gelu512(n/16, &x[0], &y[0], &cdf[0])
	}
	if b := (len(x) - n) &^ 7; b > 0 {
		geluAVX2(b/8, &x[n], &y[n], &cdf[n])
		n += b
	}
	return n
}

// GeluGradPrefix does the same for the backward loop: dx = dy·(Φ(x) +
// x·φ(x)), φ(x) = Exp32(−x²/2)/√(2π).
func GeluGradPrefix(x, cdf, dy, dx []float32) int {
	if !vecAsm || len(x) < 8 || len(cdf) < len(x) || len(dy) < len(x) || len(dx) < len(x) {
		return 0
	}
	n := 0
	if vec512 && len(x) >= 16 {
		n = len(x) &^ 15
		geluGrad512(n/16, &x[0], &cdf[0], &dy[0], &dx[0])
	}
	if b := (len(x) - n) &^ 7; b > 0 {
		geluGradAVX2(b/8, &x[n], &cdf[n], &dy[n], &dx[n])
		n += b
	}
	return n
}
