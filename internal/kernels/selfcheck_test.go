package kernels

import (
	"slices"
	"testing"
)

// faulty returns a copy of goKernel with a bug injected after its run.
func faulty(name string, run func(k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, s []float32, lds int)) *microKernel {
	k := *goKernel
	k.name, k.run = name, run
	return &k
}

// narrowFaulty returns a copy of goKernel with narrow kernels.
func narrowFaulty(name string, narrow func(rows, k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, mask uint16)) *microKernel {
	k := *goKernel
	k.name, k.narrow = name, narrow
	return &k
}

// narrowGo is a narrow kernel in Go: C += Â·B̂ in mask's columns.
func narrowGo(rows, k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, mask uint16) {
	for r := range rows {
		for j := range narrowCols {
			if mask&(1<<j) == 0 {
				continue
			}
			var s float32
			for p := range k {
				s += a[r*rs+p*ps] * b[p*bs+j]
			}
			c[r*ldc+j] += s
		}
	}
}

func TestSelfCheckRejectsFaultyKernels(t *testing.T) {
	good := faulty("good", kernGo)
	for _, c := range []struct {
		kern *microKernel
		pass bool
	}{
		{good, true},
		{faulty("edge", func(k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, s []float32, lds int) {
			kernGo(k, a, rs, ps, b, bs, c, ldc, s, lds)
			c[ldc+3] += 1.0 / 64 // one element of the tile's last column
		}), false},
		{faulty("short", func(k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, s []float32, lds int) {
			kernGo(max(k-1, 0), a, rs, ps, b, bs, c, ldc, s, lds) // drops the last depth step
		}), false},
		{faulty("deep", func(k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, s []float32, lds int) {
			kernGo(min(k, 200), a, rs, ps, b, bs, c, ldc, s, lds) // fails only beyond 200 deep
		}), false},
		{faulty("bias", func(k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, s []float32, lds int) {
			kernGo(k, a, rs, ps, b, bs, c, ldc, c, ldc) // adds to C, not to the bias row
		}), false},
		{faulty("rounding", func(k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, s []float32, lds int) {
			kernGo(k, a, rs, ps, b, bs, c, ldc, s, lds)
			c[0] *= 1 + 1.0/(1<<22) // a few ulps off
		}), false},
		{narrowFaulty("narrow", func(rows, k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, mask uint16) {
			narrowGo(rows, k, a, rs, ps, b, bs, c, ldc, mask)
			c[(rows-1)*ldc] += 1.0 / 64 // the first column of the last row
		}), false},
		{narrowFaulty("narrow mask", func(rows, k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, mask uint16) {
			narrowGo(rows, k, a, rs, ps, b, bs, c, ldc, mask|mask<<1) // one column too many
		}), false},
		{narrowFaulty("narrow good", narrowGo), true},
	} {
		if got := selfCheck(c.kern); got != c.pass {
			t.Errorf("selfCheck(%s) = %v, want %v", c.kern.name, got, c.pass)
		}
	}

	active() // the real choice first, so that it does not land in the list below
	saved := rejected
	defer func() { rejected = saved }()
	rejected = nil
	bad := faulty("bad", func(k int, a []float32, rs, ps int, b []float32, bs int, c []float32, ldc int, s []float32, lds int) {
	})
	if k := choose([]*microKernel{bad, good, goKernel}); k != good {
		t.Errorf("choose took %s, want good", k.name)
	}
	if k := choose([]*microKernel{bad, goKernel}); k != goKernel {
		t.Errorf("choose took %s, want go", k.name)
	}
	if want := []string{"bad", "bad"}; !slices.Equal(Rejected(), want) {
		t.Errorf("Rejected() = %v, want %v", Rejected(), want)
	}
}

// Every kernel this CPU runs passes the self-check, and Sgemm uses the first.
func TestSupportedKernelsPassSelfCheck(t *testing.T) {
	for _, k := range supported() {
		if !selfCheck(k) {
			t.Errorf("kernel %s fails the self-check on this CPU", k.name)
		}
	}
	if len(Rejected()) != 0 || Kernel() != supported()[0].name {
		t.Errorf("Kernel() = %s, rejected %v; supported %s first", Kernel(), Rejected(), supported()[0].name)
	}
}
