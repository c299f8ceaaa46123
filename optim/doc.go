// Package optim holds the optimizers, gradient clipping and learning-rate
// schedules used to train the model.
//
// It works on plain slices rather than on graph nodes: the model hands it its
// parameter buffers (float32 for training, float64 for gradient tests) and
// the optimizer updates them in place. Keeping gorgonia out of this package
// lets the arithmetic be checked against PyTorch on its own, and lets a
// training run be checkpointed and resumed bit for bit through State.
//
// The update rules follow torch.optim's single-tensor code path
// (foreach=False, amsgrad=False, maximize=False) operation by operation, in
// the element type of the parameters, so a float64 run agrees with PyTorch to
// rounding and a float32 run rounds the way PyTorch's float32 kernels do.
// Products that PyTorch rounds before an addition are converted explicitly to
// the element type, which stops the Go compiler from fusing them into FMA
// instructions on architectures that have them; results are therefore the
// same on every platform.
package optim
