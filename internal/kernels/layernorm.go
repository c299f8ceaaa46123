package kernels

// The layer-norm row kernels: rows of d float32 elements, contiguous. Each
// reports false, doing nothing, where it cannot run (no AVX2, or d not a
// multiple of 8); the caller then runs its own loop.

// LayerNormRows normalises each row of x: y = (a−m)·s·gain + bias with m the
// row's mean and s = 1/√(var + eps), keeping m and s per row.
func LayerNormRows(d int, x, gain, bias, y, mean, rstd []float32, eps float32) bool {
	rows := len(mean)
	if !lnFits(d, rows, x, y, gain, bias) || len(rstd) < rows {
		return false
	}
	if rows > 0 {
		lnForwardAVX2(d/8, &x[0], &gain[0], &bias[0], &y[0], &mean[0], &rstd[0], rows, 1/float32(d), eps)
	}
	return true
}

// LayerNormGradRows writes each row's input gradient into dx, given the
// upstream gradient dy and the forward pass's m and s.
func LayerNormGradRows(d int, x, gain, dy, mean, rstd, dx []float32) bool {
	rows := len(mean)
	if !lnFits(d, rows, x, dx, gain, gain) || len(dy) < rows*d || len(rstd) < rows {
		return false
	}
	if rows > 0 {
		lnBackwardAVX2(d/8, &x[0], &gain[0], &dy[0], &mean[0], &rstd[0], &dx[0], rows, 1/float32(d))
	}
	return true
}

// LayerNormParamGrad adds Σ_rows g·(a−m)·s to dGain and Σ_rows g to dBias
// for rows of d elements of x and dy, rows in order (the bits of a
// row-by-row loop); workers own blocks of 8 columns, so any split gives
// the same bits.
func LayerNormParamGrad(d int, x, dy, mean, rstd, dGain, dBias []float32) bool {
	rows := len(mean)
	if !lnFits(d, rows, x, dy, dGain, dBias) || len(rstd) < rows {
		return false
	}
	if rows == 0 {
		return true
	}
	blocks := d / 8
	ParallelWork(blocks, 8*rows, func(lo, hi int) {
		lnParamGradAVX2(hi-lo, &x[8*lo], &dy[8*lo], &mean[0], &rstd[0], &dGain[8*lo], &dBias[8*lo], d, rows)
	})
	return true
}

func lnFits(d, rows int, x, y, gain, bias []float32) bool {
	return vecAsm && d > 0 && d%8 == 0 && len(x) >= rows*d && len(y) >= rows*d && len(gain) >= d && len(bias) >= d
}
