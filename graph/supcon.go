package graph

import (
	"fmt"
	"math"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// SupCon is the supervised contrastive loss (Khosla et al. 2020) of the rows
// of x [N, D] with labels [N] (a negative label: not part of the loss): rows are
// L2-normalised, s_ij = z_i·z_j/temp, and each labelled row i with at least
// one other row of its label (its positives P) scores
//
//	−1/|P| Σ_{p∈P} [s_ip − log Σ_{a≠i, labelled} exp(s_ia)]
//
// averaged over such rows; 0 when there is none. It pulls same-sense vectors
// together and pushes the others apart in the cosine geometry that the
// evaluation reads. One op computes it and its gradient in float64.
func (g *Graph) SupCon(x, labels *gorgonia.Node, temp float64) *gorgonia.Node {
	if !g.live("SupCon", x, labels) {
		return nil
	}
	if x.Dims() != 2 || labels.Dims() != 1 || x.Shape()[0] != labels.Shape()[0] {
		return g.fail(fmt.Errorf("SupCon: want x [N,D] and labels [N], got %v and %v", x.Shape(), labels.Shape()))
	}
	if !(temp > 0) {
		return g.fail(fmt.Errorf("SupCon: temperature %v, want > 0", temp))
	}
	return g.keep(gorgonia.ApplyOp(supConOp{opBase{fmt.Sprintf("SupCon(%g)", temp), 2}, temp}, x, labels))
}

type supConOp struct {
	opBase
	temp float64
}

func (op supConOp) Type() hm.Type { return hm.NewFnType(tt(2), tt(1), hm.TypeVariable('a')) }

func (op supConOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.ScalarShape(), nil
}

func (op supConOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	ins, err := denses(op.name, in)
	if err != nil {
		return nil, err
	}
	x, y := ins[0], ins[1]
	xs, ys, err := float64s(op.name, x, y)
	if err != nil {
		return nil, err
	}
	loss, _ := supCon(xs, ys, x.Shape()[1], op.temp, false)
	return newScalar(x.Dtype(), loss), nil
}

func (op supConOp) DiffWRT(int) []bool { return []bool{true, false} }

func (op supConOp) SymDiff(in gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	name := fmt.Sprintf("SupConGrad(%g)", op.temp)
	dx, err := gorgonia.ApplyOp(supConGradOp{opBase{name, 3}, op.temp}, in[0], in[1], grad)
	return gorgonia.Nodes{dx, nil}, err
}

// supConGradOp computes g·∂SupCon/∂x.
type supConGradOp struct {
	opBase
	temp float64
}

func (op supConGradOp) Type() hm.Type {
	return hm.NewFnType(tt(2), tt(1), hm.TypeVariable('a'), tt(2))
}

func (op supConGradOp) InferShape(in ...gorgonia.DimSizer) (tensor.Shape, error) {
	return in[0].(tensor.Shape).Clone(), nil
}

func (op supConGradOp) Do(in ...gorgonia.Value) (gorgonia.Value, error) {
	x, out, err := outLike(op.name, nil, in[0])
	if err != nil {
		return nil, err
	}
	y, err := dense(op.name, in[1])
	if err != nil {
		return nil, err
	}
	g, err := scalarOf(in[2])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op.name, err)
	}
	xs, ys, err := float64s(op.name, x, y)
	if err != nil {
		return nil, err
	}
	_, dx := supCon(xs, ys, x.Shape()[1], op.temp, true)
	switch out.Dtype() {
	case tensor.Float64:
		o := out.Float64s()
		for i, v := range dx {
			o[i] = g * v
		}
	case tensor.Float32:
		o := out.Float32s()
		for i, v := range dx {
			o[i] = float32(g * v)
		}
	}
	return out, nil
}

// float64s copies x and labels to float64 slices (the op is small: one row
// per sentence of a batch).
func float64s(op string, x, y *tensor.Dense) ([]float64, []float64, error) {
	conv := func(t *tensor.Dense) ([]float64, error) {
		if t.Dtype() == tensor.Float64 {
			return t.Float64s(), nil
		}
		src := t.Float32s() // dense admits float32 or float64 only
		out := make([]float64, len(src))
		for i, v := range src {
			out[i] = float64(v)
		}
		return out, nil
	}
	xs, err := conv(x)
	if err != nil {
		return nil, nil, err
	}
	ys, err := conv(y)
	return xs, ys, err
}

// supCon returns the loss and, when grad is set, its gradient wrt x.
func supCon(x, labels []float64, d int, temp float64, grad bool) (float64, []float64) {
	n := len(labels)
	z := make([]float64, len(x))
	norm := make([]float64, n)
	for i := 0; i < n; i++ {
		var ss float64
		for _, v := range x[i*d : (i+1)*d] {
			ss += v * v
		}
		norm[i] = math.Sqrt(ss) + 1e-12
		for k := 0; k < d; k++ {
			z[i*d+k] = x[i*d+k] / norm[i]
		}
	}
	s := similarities(z, n, d, temp)
	labelled := func(i int) bool { return labels[i] >= 0 }
	// anchors: labelled rows with at least one positive.
	pos := make([]int, n)
	anchors := 0
	for i := 0; i < n; i++ {
		if !labelled(i) {
			continue
		}
		for j := 0; j < n; j++ {
			if j != i && labels[j] == labels[i] {
				pos[i]++
			}
		}
		if pos[i] > 0 {
			anchors++
		}
	}
	if anchors == 0 {
		if grad {
			return 0, make([]float64, len(x))
		}
		return 0, nil
	}
	ds := make([]float64, n*n) // ∂loss/∂s
	var total float64
	for i := 0; i < n; i++ {
		if pos[i] == 0 {
			continue
		}
		maxv := math.Inf(-1)
		for a := 0; a < n; a++ {
			if a != i && labelled(a) {
				maxv = math.Max(maxv, s[i*n+a])
			}
		}
		var sum float64
		for a := 0; a < n; a++ {
			if a != i && labelled(a) {
				sum += math.Exp(s[i*n+a] - maxv)
			}
		}
		lse := maxv + math.Log(sum)
		for a := 0; a < n; a++ {
			if a == i || !labelled(a) {
				continue
			}
			p := 0.0
			if labels[a] == labels[i] {
				p = 1 / float64(pos[i])
				total -= p * (s[i*n+a] - lse)
			}
			if grad {
				ds[i*n+a] = (math.Exp(s[i*n+a]-lse) - p) / float64(anchors)
			}
		}
	}
	loss := total / float64(anchors)
	if !grad {
		return loss, nil
	}
	// s_ij = z_i·z_j/temp: ∂/∂z_k = Σ_j (ds_kj + ds_jk) z_j / temp; then
	// through z = x/|x|: ∂/∂x = (gz − (gz·z) z)/|x|.
	dx := make([]float64, len(x))
	gz := make([]float64, d)
	for k := 0; k < n; k++ {
		clear(gz)
		for j := 0; j < n; j++ {
			w := (ds[k*n+j] + ds[j*n+k]) / temp
			if w == 0 {
				continue
			}
			zj := z[j*d : (j+1)*d]
			gz := gz[:len(zj)]
			for c, v := range zj {
				gz[c] += w * v
			}
		}
		var dot float64
		for c := 0; c < d; c++ {
			dot += gz[c] * z[k*d+c]
		}
		for c := 0; c < d; c++ {
			dx[k*d+c] = (gz[c] - dot*z[k*d+c]) / norm[k]
		}
	}
	return loss, dx
}

// similarities returns s_ij = z_i·z_j/temp for n rows of d values. Each dot
// sums its products in k order; s is symmetric (a product is the same
// either way round), so each pair is summed once, four side by side: four
// dependent chains, not one, keep the adder busy.
func similarities(z []float64, n, d int, temp float64) []float64 {
	s := make([]float64, n*n)
	set := func(i, j int, dot float64) {
		s[i*n+j] = dot / temp
		s[j*n+i] = s[i*n+j]
	}
	for i := 0; i < n; i++ {
		zi := z[i*d : (i+1)*d]
		j := i
		for ; j+4 <= n; j += 4 {
			z0, z1, z2, z3 := z[j*d:(j+1)*d], z[(j+1)*d:(j+2)*d], z[(j+2)*d:(j+3)*d], z[(j+3)*d:(j+4)*d]
			var d0, d1, d2, d3 float64
			for k, a := range zi {
				d0 += a * z0[k]
				d1 += a * z1[k]
				d2 += a * z2[k]
				d3 += a * z3[k]
			}
			set(i, j, d0)
			set(i, j+1, d1)
			set(i, j+2, d2)
			set(i, j+3, d3)
		}
		for ; j < n; j++ {
			var dot float64
			for k, a := range zi {
				dot += a * z[j*d+k]
			}
			set(i, j, dot)
		}
	}
	return s
}
