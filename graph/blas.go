package graph

import (
	"gorgonia.org/gorgonia"

	"github.com/attendlab/attend/internal/kernels"
)

// Every matrix product in a graph goes through gorgonia's BLAS; attend's
// replaces gonum's float32 GEMM with kernels' (float64 stays gonum's, the
// exact reference path). gorgonia.Use also sets tensor's BLAS.
func init() { gorgonia.Use(kernels.Implementation{}) }
