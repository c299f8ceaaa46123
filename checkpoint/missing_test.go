package checkpoint

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResolveMissing: a path that does not exist is explained by what lies
// next to it: a pruned step, a typo (in the last part or higher up), or
// nothing close, which stays fs.ErrNotExist.
func TestResolveMissing(t *testing.T) {
	root := t.TempDir()
	run := filepath.Join(root, "bank")
	for _, d := range []string{"step-000200", "step-000300"} {
		if err := os.MkdirAll(filepath.Join(run, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, ".gitkeep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		want       []string // "" none: want fs.ErrNotExist
	}{
		{"hidden file never offered", filepath.Join(root, "gitkeep"), nil},
		{"pruned step", filepath.Join(run, "step-000100"), []string{"has no step 100", "pruned", "step-000200, step-000300"}},
		{"typo", filepath.Join(root, "bnak"), []string{"did you mean " + run, "holds: bank"}},
		{"typo higher up", filepath.Join(root, "bnak", "step-000200"), []string{"did you mean " + run}},
		{"nothing close", filepath.Join(root, "elsewhere"), nil},
		{"the closest of two near names", filepath.Join(run, "step-00300"), []string{"did you mean " + filepath.Join(run, "step-000300") + "?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Resolve(tt.path)
			if err == nil {
				t.Fatal("no error")
			}
			if errors.Is(err, fs.ErrNotExist) != (tt.want == nil) {
				t.Errorf("errors.Is(%v, fs.ErrNotExist) = %v", err, !(tt.want == nil))
			}
			if strings.Contains(err.Error(), ".gitkeep") {
				t.Errorf("error %q offers .gitkeep", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}
