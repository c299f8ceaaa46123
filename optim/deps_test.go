package optim

import (
	"go/build"
	"strings"
	"testing"
)

// TestImportsPointDown: optim holds the optimizers and their state; the
// state's file format lives with the run folder (runfolder.EncodeOptimizer).
func TestImportsPointDown(t *testing.T) {
	const module = "github.com/attendlab/attend/"
	p, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range p.Imports {
		if strings.HasPrefix(imp, module) && imp != module+"internal/kernels" {
			t.Errorf("optim imports %s; want only internal/kernels of this module", imp)
		}
	}
}
