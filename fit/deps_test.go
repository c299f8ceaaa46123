package fit

import (
	"go/build"
	"strings"
	"testing"
)

// TestImportsNothingOfTheModule: the loop serves any model, so it knows no
// config, data set, model or optimizer of attend.
func TestImportsNothingOfTheModule(t *testing.T) {
	p, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range p.Imports {
		if strings.HasPrefix(imp, "github.com/attendlab/attend") {
			t.Errorf("fit imports %s; want none of this module", imp)
		}
	}
}
