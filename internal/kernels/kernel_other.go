//go:build !amd64 || purego

package kernels

func supported() []*microKernel { return []*microKernel{goKernel} }

var vecAsm, vec512 = false, false

func dotRowsAVX2(n8 int, x, m *float32, ld int, out *float32, rows int)        { panic("unreachable") }
func axpyRowsAVX2(n8 int, y, a, m *float32, ld int, rows int)                  { panic("unreachable") }
func addOuterAVX2(n8 int, m *float32, ld int, a, x *float32, rows int)         { panic("unreachable") }
func expSubAVX2(n8 int, x *float32, c float32)                                 { panic("unreachable") }
func erfAVX2(n8 int, x *float32)                                               { panic("unreachable") }
func geluAVX2(n8 int, x, y, cdf *float32)                                      { panic("unreachable") }
func geluGradAVX2(n8 int, x, cdf, dy, dx *float32)                             { panic("unreachable") }
func gelu512(n16 int, x, y, cdf *float32)                                      { panic("unreachable") }
func geluGrad512(n16 int, x, cdf, dy, dx *float32)                             { panic("unreachable") }
func softmaxRowsAVX2(n int, p *float32, rows int, scale float32, pad *float32) { panic("unreachable") }
func softmaxGradRowsAVX2(n int, p, dp *float32, rows int, scale float32)       { panic("unreachable") }
func transposeAVX2(rows8, cols8 int, src *float32, lds int, dst *float32, ldd int) {
	panic("unreachable")
}
func adamAVX2(n8 int, w, g, m, v *float32, k *[8]float32, mode int) { panic("unreachable") }
func adam512(n16 int, w, g, m, v *float32, k *[8]float32, mode int) { panic("unreachable") }
func lnForwardAVX2(d8 int, x, gain, bias, y, mean, rstd *float32, rows int, inv, eps float32) {
	panic("unreachable")
}
func lnBackwardAVX2(d8 int, x, gain, dy, mean, rstd, dx *float32, rows int, inv float32) {
	panic("unreachable")
}
func lnParamGradAVX2(n8 int, x, dy, mean, rstd, dGain, dBias *float32, ld, rows int) {
	panic("unreachable")
}
func sumSquaresAVX2(n8 int, x *float32, acc *[8]float64) { panic("unreachable") }
func scaleAVX2(n8 int, x *float32, s float32)            { panic("unreachable") }
func addAVX2(n8 int, out, x, y *float32)                 { panic("unreachable") }
