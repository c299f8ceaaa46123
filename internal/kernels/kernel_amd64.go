//go:build !purego

package kernels

import "golang.org/x/sys/cpu"

//go:generate go run -C internal/asmgen . -out ../../kernel_amd64.s -stubs ../../stub_amd64.go -pkg kernels

var (
	avx2Kernel = &microKernel{name: "avx2", mr: 6, nr: 16, mc: 96, kc: 256, nc: 128,
		run: func(k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, s []float32, lds int) {
			kernAVX2(k, &a[0], rs, ps, &b[0], bs, &c[0], ldc, &s[0], lds)
		}}
	avx512Kernel = &microKernel{name: "avx512", mr: 14, nr: 32, mc: 112, kc: 256, nc: 128,
		run: func(k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, s []float32, lds int) {
			kernAVX512(k, &a[0], rs, ps, &b[0], bs, &c[0], ldc, &s[0], lds)
		},
		narrow: func(rows, k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, mask uint16) {
			checkNarrow(rows, k, len(a), rs, ps, len(b), bs, len(c), ldc, mask)
			kernNarrow[rows](k, &a[0], rs, ps, &b[0], bs, &c[0], ldc, mask)
		}}
	// kernNarrow[r] holds r rows of C in registers.
	kernNarrow = [...]func(k int, a *float32, rs, ps int, b *float32, bs int, c *float32, ldc int, mask uint16){nil,
		kernNarrow1, kernNarrow2, kernNarrow3, kernNarrow4, kernNarrow5, kernNarrow6, kernNarrow7, kernNarrow8,
		kernNarrow9, kernNarrow10, kernNarrow11, kernNarrow12, kernNarrow13, kernNarrow14, kernNarrow15, kernNarrow16}
)

// supported lists the kernels this CPU can run, fastest first.
func supported() []*microKernel {
	var ks []*microKernel
	if cpu.X86.HasAVX512F {
		ks = append(ks, avx512Kernel)
	}
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		ks = append(ks, avx2Kernel)
	}
	return append(ks, goKernel)
}

// vecAsm says whether the vector kernels (rows.go, exp.go) run in assembly.
var vecAsm = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// vec512 says whether the 16-lane AVX-512 variants of the elementwise
// kernels run (the same bits as the 8-lane ones).
var vec512 = vecAsm && cpu.X86.HasAVX512F
