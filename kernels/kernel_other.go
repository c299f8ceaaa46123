//go:build !amd64 || purego

package kernels

func supported() []*microKernel { return []*microKernel{goKernel} }

var vecAsm = false

func dotRowsAVX2(n8 int, x, m *float32, ld int, out *float32, rows int) { panic("unreachable") }
func axpyRowsAVX2(n8 int, y, a, m *float32, ld int, rows int)           { panic("unreachable") }
func addOuterAVX2(n8 int, m *float32, ld int, a, x *float32, rows int)  { panic("unreachable") }
func expSubAVX2(n8 int, x *float32, c float32)                          { panic("unreachable") }
func erfAVX2(n8 int, x *float32)                                        { panic("unreachable") }
func geluAVX2(n8 int, x, y, cdf *float32)                               { panic("unreachable") }
func geluGradAVX2(n8 int, x, cdf, dy, dx *float32)                      { panic("unreachable") }
