package model_test

import (
	"go/build"
	"strings"
	"testing"
)

// TestImportsPointDown: model builds on arch, graph and layers only; the file
// format (modelfile), the config and the data sit above it and adapt to it.
func TestImportsPointDown(t *testing.T) {
	const module = "github.com/attendlab/attend/"
	allowed := map[string]bool{module + "arch": true, module + "graph": true, module + "layers": true}
	p, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range p.Imports {
		if strings.HasPrefix(imp, module) && !allowed[imp] {
			t.Errorf("model imports %s; want only arch, graph and layers of this module", imp)
		}
	}
}
