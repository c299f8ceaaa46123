package data_test

import (
	"go/build"
	"strings"
	"testing"
)

// TestImportsPointDown: data is the machinery under the corpus and the
// config, so it imports neither (the corpus package adapts a config to
// Options); tests may use them.
func TestImportsPointDown(t *testing.T) {
	const module = "github.com/attendlab/attend/"
	banned := []string{module + "configs", module + "corpus"}
	p, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range p.Imports {
		for _, b := range banned {
			if imp == b || strings.HasPrefix(imp, b+"/") {
				t.Errorf("data imports %s; want neither configs nor corpus", imp)
			}
		}
	}
}
