package metrics

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
	p, err := FitPlane(vecs)
	if err != nil {
		return nil, [2]float64{}, err
	}
	pts := make([][2]float64, len(vecs))
	for i, v := range vecs {
		pts[i] = p.Project(v)
	}
	return pts, p.Frac, nil
}

// Plane is the plane of a cloud's first two principal components: where
// PCA2 puts the cloud, and where Project puts any other vector of the same
// dimension (a sentence typed later, on the same axes as the cloud).
type Plane struct {
	Mean []float64
	Dirs [2][]float64 // unit directions; nil for a component that is only rounding noise
	Frac [2]float64   // share of the cloud's variance along each direction
}

// FitPlane finds the plane of PCA2 for vecs, with its errors.
func FitPlane(vecs [][]float64) (*Plane, error) {
	d, err := checkVecs(vecs, 1)
	if err != nil {
		return nil, err
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
	p := &Plane{Mean: make([]float64, d)}
	for k := range d {
		var m float64
		for i := range n {
			m += x.At(i, k)
		}
		m /= float64(n)
		p.Mean[k] = m
		for i := range n {
			x.Set(i, k, x.At(i, k)-m)
		}
	}
	if mat.Norm(x, 2) <= noiseTol*scale {
		return p, nil
	}

	var svd mat.SVD
	if !svd.Factorize(x, mat.SVDThin) {
		return nil, errors.New("eval: PCA: singular value decomposition failed")
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
		big := 0
		for k := range dir {
			if math.Abs(dir[k]) > math.Abs(dir[big]) {
				big = k
			}
		}
		if dir[big] < 0 {
			for k := range dir {
				dir[k] = -dir[k]
			}
		}
		p.Dirs[c] = dir
		p.Frac[c] = sv[c] * sv[c] / total
	}
	return p, nil
}

// Project places v on the plane: its coordinates along the two directions,
// measured from the cloud's mean. v must have the cloud's dimension.
func (p *Plane) Project(v []float64) [2]float64 {
	var pt [2]float64
	for c, dir := range p.Dirs {
		for k, x := range dir {
			pt[c] += (v[k] - p.Mean[k]) * x
		}
	}
	return pt
}

// noiseTol is the relative size below which PCA treats variation as
// floating-point noise.
const noiseTol = 1e-10
