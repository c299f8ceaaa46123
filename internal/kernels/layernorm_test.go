package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The layer-norm row kernels against float64 arithmetic, and the parameter
// gradient against the bits of a row-by-row float32 loop.
func TestLayerNormRows(t *testing.T) {
	if !vecAsm {
		t.Skip("no AVX2: graph's loops run instead")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, d := range []int{8, 16, 64, 136} {
		const rows, eps = 5, 1e-5
		r := func(n int) []float32 {
			v := make([]float32, n)
			for i := range v {
				v[i] = float32(rng.NormFloat64())
			}
			return v
		}
		x, gain, bias, dy := r(rows*d), r(d), r(d), r(rows*d)
		y, dx := make([]float32, rows*d), make([]float32, rows*d)
		mean, rstd := make([]float32, rows), make([]float32, rows)
		dGain, dBias := make([]float32, d), make([]float32, d)
		if !LayerNormRows(d, x, gain, bias, y, mean, rstd, eps) || !LayerNormGradRows(d, x, gain, dy, mean, rstd, dx) ||
			!LayerNormParamGrad(d, x, dy, mean, rstd, dGain, dBias) {
			t.Fatalf("d=%d: a kernel declined", d)
		}
		wantG, wantB := make([]float32, d), make([]float32, d)
		for i := range rows {
			row, g := x[i*d:(i+1)*d], dy[i*d:(i+1)*d]
			var m, v float64
			for _, a := range row {
				m += float64(a)
			}
			m /= float64(d)
			for _, a := range row {
				v += (float64(a) - m) * (float64(a) - m)
			}
			s := 1 / math.Sqrt(v/float64(d)+eps)
			var sg, sgx float64
			for j, a := range row {
				xh := (float64(a) - m) * s
				if want := xh*float64(gain[j]) + float64(bias[j]); math.Abs(float64(y[i*d+j])-want) > 1e-5 {
					t.Fatalf("d=%d row %d: y[%d] = %v, want %v", d, i, j, y[i*d+j], want)
				}
				sg += float64(g[j] * gain[j])
				sgx += float64(g[j]*gain[j]) * xh
			}
			for j, a := range row {
				xh := (float64(a) - m) * s
				want := s * (float64(g[j]*gain[j]) - sg/float64(d) - xh*sgx/float64(d))
				if math.Abs(float64(dx[i*d+j])-want) > 1e-4*(1+math.Abs(want)) {
					t.Fatalf("d=%d row %d: dx[%d] = %v, want %v", d, i, j, dx[i*d+j], want)
				}
				wantG[j] += g[j] * (a - mean[i]) * rstd[i]
				wantB[j] += g[j]
			}
		}
		for j := range d {
			if math.Float32bits(dGain[j]) != math.Float32bits(wantG[j]) || math.Float32bits(dBias[j]) != math.Float32bits(wantB[j]) {
				t.Fatalf("d=%d: parameter gradients at %d = %v, %v; row by row %v, %v", d, j, dGain[j], dBias[j], wantG[j], wantB[j])
			}
		}
	}
}
