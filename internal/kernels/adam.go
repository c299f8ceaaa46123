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
// lanes at a time in AVX2 assembly (16 in AVX-512 where the CPU has it),
// with optim's operations in optim's order (the same bits), and returns that
// prefix's length: 0 without AVX2 or with W1 >= 0.5 (optim's lerp then takes
// its other form). The caller does the rest.
func AdamPrefix(w, g, m, v []float32, s *AdamStep) int {
	n := len(w) &^ 7
	if !vecAsm || n == 0 || s.W1 >= 0.5 || len(g) < n || len(m) < n || len(v) < n {
		return 0
	}
	k := [8]float32{s.W1, s.B2, s.W2, s.BC2Sqrt, s.Eps, s.NegStep, s.Shrink, s.WD}
	done := 0
	if vec512 && n >= 16 {
		done = n &^ 15
		adam512(done/16, &w[0], &g[0], &m[0], &v[0], &k, int(s.Mode))
	}
	if done < n {
		adamAVX2((n-done)/8, &w[done], &g[done], &m[done], &v[done], &k, int(s.Mode))
	}
	return n
}

// SumSquares returns Σ x[i]² in float64 (each square exact) in one order on
// every CPU, so its bits depend only on x: element i goes to lane i%8 of
// eight float64 sums (blocks of 8 in AVX2 assembly where the CPU has it, in
// Go elsewhere), the lanes are reduced (reduceLanes), then the tail is added.
func SumSquares(x []float32) float64 {
	var acc [8]float64
	n := len(x) &^ 7
	sumSquaresInto(&acc, x[:n])
	sum := reduceLanes(&acc)
	for _, v := range x[n:] {
		sum += float64(v) * float64(v)
	}
	return sum
}

// SumSquaresRows is SumSquares(x) for x whose rows of d values are zero
// but for the rows listed (ascending, each once), reading only the blocks
// of 8 that hold those rows: all-zero blocks add nothing and the others come
// in the same order to the same lanes, so the bits are the same. An
// embedding's gradient, non-zero only in the step's tokens' rows, is the
// case: its norm no longer reads every row of the table.
func SumSquaresRows(x []float32, d int, rows []int) float64 {
	var acc [8]float64
	n := len(x) &^ 7
	done := 0 // blocks end here so far
	for _, r := range rows {
		lo, hi := max(done, r*d&^7), min(n, ((r+1)*d+7)&^7)
		if lo < hi {
			sumSquaresInto(&acc, x[lo:hi])
			done = hi
		}
	}
	sum := reduceLanes(&acc)
	for _, v := range x[n:] {
		sum += float64(v) * float64(v)
	}
	return sum
}

// sumSquaresInto adds the squares of x, whole blocks of 8, into acc's lanes.
func sumSquaresInto(acc *[8]float64, x []float32) {
	switch {
	case len(x) == 0:
	case vecAsm:
		sumSquaresAVX2(len(x)/8, &x[0], acc)
	default:
		sumSquaresLanes(acc, x)
	}
}

// sumSquaresLanes is sumSquaresAVX2 in Go, for x of whole blocks of 8.
func sumSquaresLanes(acc *[8]float64, x []float32) {
	for i := 0; i+8 <= len(x); i += 8 {
		for l, v := range x[i : i+8 : i+8] {
			acc[l] += float64(v) * float64(v)
		}
	}
}

// reduceLanes adds the eight lanes in the assembly's order: lanes j and j+4,
// then 0+2 and 1+3, then those two.
func reduceLanes(acc *[8]float64) float64 {
	return (acc[0] + acc[4] + (acc[2] + acc[6])) + (acc[1] + acc[5] + (acc[3] + acc[7]))
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

// Add sets out[i] = x[i] + y[i], one float32 sum per element (8 lanes at a
// time in AVX2 assembly where the CPU has it), the same bits either way. The
// three must have one length.
func Add(out, x, y []float32) {
	if len(x) != len(out) || len(y) != len(out) {
		panic("kernels: Add: lengths differ")
	}
	n := 0
	if vecAsm && len(out) >= 8 {
		n = len(out) &^ 7
		addAVX2(n/8, &out[0], &x[0], &y[0])
	}
	for i := n; i < len(out); i++ {
		out[i] = x[i] + y[i]
	}
}
