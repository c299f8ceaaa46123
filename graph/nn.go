package graph

import (
	"gorgonia.org/gorgonia"
)

// Scale multiplies x by the constant c.
func (g *Graph) Scale(x *gorgonia.Node, c float64) (*gorgonia.Node, error) {
	return gorgonia.Mul(x, g.Scalar(c))
}

// Dropout multiplies x by mask, an input of x's shape that the caller fills each
// step with 0 or 1/(1-p) from its own seeded generator (gorgonia's Dropout seeds
// from the clock), or with ones when not training.
func (g *Graph) Dropout(x *gorgonia.Node, name string) (*gorgonia.Node, *gorgonia.Node, error) {
	mask := g.Input(name, x.Shape()...)
	y, err := gorgonia.HadamardProd(x, mask)
	return y, mask, err
}

// Add is the elementwise sum of two nodes of the same shape (a residual
// connection, position rows added to token vectors, two loss terms).
func (g *Graph) Add(a, b *gorgonia.Node) (*gorgonia.Node, error) {
	return gorgonia.Add(a, b)
}

// ReLU is max(x, 0) elementwise.
func (g *Graph) ReLU(x *gorgonia.Node) (*gorgonia.Node, error) {
	return gorgonia.Rectify(x)
}

// BatchedMatMul multiplies a [N, m, k] by b [N, k, n] slice by slice (either
// operand taken transposed when asked): [N, m, n].
func (g *Graph) BatchedMatMul(a, b *gorgonia.Node, transA, transB bool) (*gorgonia.Node, error) {
	return gorgonia.BatchedMatMul(a, b, transA, transB)
}
