//go:build !amd64 || purego

package kernels

func supported() []*microKernel { return []*microKernel{goKernel} }

func best() *microKernel { return goKernel }
