package eval

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"
)

// PCA2 projects vectors onto their first two principal components, the two
// orthogonal directions along which the occurrences vary most. It is the
// flattest honest picture of a cloud of high-dimensional vectors: distances
// along the first component are true distances in the original space,
// only the variation in the remaining directions is dropped.
//
// The vectors are centred on their mean and decomposed with a singular
// value decomposition. A principal direction is only defined up to sign,
// so each is flipped to make its largest-magnitude loading positive; the
// same input therefore always gives the same picture. When the cloud has
// fewer than two directions of variation (for example a static embedding,
// where all vectors are identical) the missing coordinates are 0: identical
// vectors all land on (0, 0).
//
// It returns an error for no vectors, vectors of different dimension, or
// non-finite entries.
func PCA2(vecs [][]float64) ([][2]float64, error) {
	pts, _, err := pca2(vecs)
	return pts, err
}

// pca2 is PCA2 that also returns the share of the total variance carried
// by each of the two components, for axis labels. The shares are 0 when
// there is no variance at all.
func pca2(vecs [][]float64) ([][2]float64, [2]float64, error) {
	var frac [2]float64
	d, err := checkVecs(vecs, 1)
	if err != nil {
		return nil, frac, err
	}
	n := len(vecs)
	x := mat.NewDense(n, d, nil)
	for i, v := range vecs {
		x.SetRow(i, v)
	}
	// scale is the size of the data before centring; variation far below it
	// is rounding noise (the mean of identical vectors need not be exactly
	// that vector in floating point).
	scale := mat.Norm(x, 2)
	for k := range d {
		var m float64
		for i := range n {
			m += x.At(i, k)
		}
		m /= float64(n)
		for i := range n {
			x.Set(i, k, x.At(i, k)-m)
		}
	}
	pts := make([][2]float64, n)
	if mat.Norm(x, 2) <= noiseTol*scale {
		return pts, frac, nil
	}

	var svd mat.SVD
	if !svd.Factorize(x, mat.SVDThin) {
		return nil, frac, errors.New("eval: PCA: singular value decomposition failed")
	}
	sv := svd.Values(nil)
	var v mat.Dense
	svd.VTo(&v)
	_, nc := v.Dims()

	var total float64
	for _, s := range sv {
		total += s * s
	}
	for c := 0; c < 2 && c < nc; c++ {
		// A component this small is rounding noise and its direction is
		// arbitrary, so its coordinate is reported as 0.
		if sv[c] <= noiseTol*scale {
			break
		}
		dir := mat.Col(nil, c, &v)
		sign := 1.0
		big := 0
		for k := range dir {
			if math.Abs(dir[k]) > math.Abs(dir[big]) {
				big = k
			}
		}
		if dir[big] < 0 {
			sign = -1
		}
		for i := range n {
			pts[i][c] = sign * mat.Dot(x.RowView(i), mat.NewVecDense(d, dir))
		}
		frac[c] = sv[c] * sv[c] / total
	}
	return pts, frac, nil
}

// noiseTol is the relative size below which PCA treats variation as
// floating-point noise.
const noiseTol = 1e-10
