package kernels

// AdamStep holds one Adam step's float32 scalars, as optim computes them:
// W1 = 1−β1, B2 = β2, W2 = 1−β2, BC2Sqrt = √(1−β2^t), Eps, NegStep =
// −lr/(1−β1^t), Shrink = 1−lr·wd, WD = wd, and the decay Mode.
type AdamStep struct {
	W1, B2, W2, BC2Sqrt, Eps, NegStep, Shrink, WD float32
	Mode                                          AdamDecay
}

// AdamDecay says how weight decay enters an Adam step.
type AdamDecay int

const (
	NoDecay     AdamDecay = iota
	DecoupledWD           // AdamW: w ·= 1 − lr·wd before the update
	L2WD                  // Adam: g += wd·w
)

// AdamPrefix applies the step to the longest prefix of the parameters w
// (gradients g, moments m and v, all the same length) that it can take 8
// lanes at a time in AVX2 assembly, with optim's operations in optim's order
// (the same bits), and returns that prefix's length: 0 without AVX2 or with
// W1 >= 0.5 (optim's lerp then takes its other form). The caller does the rest.
func AdamPrefix(w, g, m, v []float32, s *AdamStep) int {
	n := len(w) &^ 7
	if !vecAsm || n == 0 || s.W1 >= 0.5 || len(g) < n || len(m) < n || len(v) < n {
		return 0
	}
	k := [8]float32{s.W1, s.B2, s.W2, s.BC2Sqrt, s.Eps, s.NegStep, s.Shrink, s.WD}
	adamAVX2(n/8, &w[0], &g[0], &m[0], &v[0], &k, int(s.Mode))
	return n
}

// SumSquares returns Σ x[i]² in float64 (each square exact): 8 lanes at a
// time in AVX2 assembly where the CPU has it, in lane order, so its bits
// depend only on x; a loop elsewhere.
func SumSquares(x []float32) float64 {
	var sum float64
	n := 0
	if vecAsm && len(x) >= 8 {
		n = len(x) &^ 7
		sum = sumSquaresAVX2(n/8, &x[0])
	}
	for _, v := range x[n:] {
		sum += float64(v) * float64(v)
	}
	return sum
}

// Scale multiplies x by s in place, one float32 product per element (8 lanes
// at a time in AVX2 assembly where the CPU has it), the same bits either way.
func Scale(x []float32, s float32) {
	n := 0
	if vecAsm && len(x) >= 8 {
		n = len(x) &^ 7
		scaleAVX2(n/8, &x[0], s)
	}
	for i := n; i < len(x); i++ {
		x[i] *= s
	}
}
