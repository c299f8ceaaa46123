package kernels

// SoftmaxRows turns each row of n scores in p into softmax(scale·row) over
// the keys j with pad[j] == 0, writing 0 at padded keys; a row whose keys
// are all padding becomes zeros. Float32 runs 8 lanes at a time in AVX2
// assembly where the CPU has it (its sums run in lane order, so its bits
// differ from the loop's but depend only on the arguments); float64, the
// exact reference path, runs the loop.
func SoftmaxRows[T Float](p []T, n int, scale T, pad []T) {
	if n == 0 {
		return
	}
	rows := len(p) / n
	if len(p) != rows*n || len(pad) < n {
		panic("kernels: SoftmaxRows: p is not rows of n, or pad is shorter than n")
	}
	if v, ok := f32(p); ok && vecAsm && rows > 0 {
		softmaxRowsAVX2(n, &v[0], rows, float32(scale), &any(pad).([]float32)[0])
		return
	}
	for r := range rows {
		softmaxRow(p[r*n:][:n], scale, pad[:n])
	}
}

func softmaxRow[T Float](p []T, scale T, pad []T) {
	maxv, any := T(0), false
	for j := range p {
		if pad[j] != 0 {
			p[j] = 0
			continue
		}
		s := p[j] * scale
		p[j] = s
		if !any || s > maxv {
			maxv, any = s, true
		}
	}
	if !any {
		clear(p)
		return
	}
	ExpSub(p, maxv)
	var sum T
	for j := range p {
		if pad[j] != 0 {
			p[j] = 0
		} else {
			sum += p[j]
		}
	}
	for j := range p {
		p[j] /= sum
	}
}

// SoftmaxGradRows turns each row of n probability gradients in dp into the
// score gradients of SoftmaxRows, given its probabilities p (same shape):
// with dp read as 0 where p is 0 (padded keys), dp = p·(dp − Σ dp·p)·scale.
func SoftmaxGradRows[T Float](p, dp []T, n int, scale T) {
	if n == 0 {
		return
	}
	rows := len(p) / n
	if len(p) != rows*n || len(dp) != len(p) {
		panic("kernels: SoftmaxGradRows: p and dp are not the same rows of n")
	}
	if v, ok := f32(p); ok && vecAsm && rows > 0 {
		softmaxGradRowsAVX2(n, &v[0], &any(dp).([]float32)[0], rows, float32(scale))
		return
	}
	for r := range rows {
		pi, di := p[r*n:][:n], dp[r*n:][:n]
		var rowDot T
		for j := range pi {
			if pi[j] == 0 {
				di[j] = 0
			}
			rowDot += di[j] * pi[j]
		}
		for j := range di {
			di[j] = pi[j] * (di[j] - rowDot) * scale
		}
	}
}
