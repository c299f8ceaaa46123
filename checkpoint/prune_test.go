package checkpoint

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestStepsSkipsOtherEntries(t *testing.T) {
	dir := t.TempDir()
	for _, step := range []int{30, 1, 1000000} {
		mustSave(t, dir, step, map[string][]byte{"a": {1}})
	}
	// Entries that are not complete checkpoints.
	for _, d := range []string{"step-000005", "step-7", "step-0000009", "best", ".tmp-step-000040-1"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "step-000006"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	steps, err := Steps(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 30, 1000000}; !slices.Equal(steps, want) {
		t.Errorf("Steps = %v, want %v", steps, want)
	}
	if _, err := Steps(filepath.Join(dir, "missing")); err == nil {
		t.Error("Steps of a missing folder succeeded")
	}
}

func TestPrune(t *testing.T) {
	tests := []struct {
		name    string
		keep    int
		protect []string // a path under RUN/ is made absolute in the run folder
		latest  int      // step latest names after the saves; 0 leaves it at the last one
		want    []int
	}{
		{"keep newest two", 2, nil, 0, []int{40, 50}},
		{"protect by name", 2, []string{"step-000020"}, 0, []int{20, 40, 50}},
		{"protect by path", 1, []string{"RUN/step-000010"}, 0, []int{10, 50}},
		{"latest names an old step", 1, nil, 30, []int{30, 50}},
		{"keep zero keeps latest", 0, nil, 0, []int{50}},
		{"keep more than exist", 9, nil, 0, []int{10, 20, 30, 40, 50}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, step := range []int{10, 20, 30, 40, 50} {
				mustSave(t, dir, step, map[string][]byte{"a": {byte(step)}})
			}
			if tt.latest != 0 {
				if err := os.WriteFile(filepath.Join(dir, "latest"), []byte(StepName(tt.latest)+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			protect := make([]string, len(tt.protect))
			for i, p := range tt.protect {
				protect[i] = filepath.Join(dir, filepath.Base(p))
				if filepath.Base(p) == p {
					protect[i] = p
				}
			}
			if err := Prune(dir, tt.keep, protect...); err != nil {
				t.Fatal(err)
			}
			steps, err := Steps(dir)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(steps, tt.want) {
				t.Errorf("after Prune steps = %v, want %v", steps, tt.want)
			}
			if _, err := Latest(dir); err != nil {
				t.Errorf("Latest after Prune: %v", err)
			}
			if left := tempLeftovers(t, dir); len(left) != 0 {
				t.Errorf("temporary entries left: %v", left)
			}
		})
	}
}

func TestPruneErrors(t *testing.T) {
	dir := t.TempDir()
	mustSave(t, dir, 1, map[string][]byte{"a": nil})
	mustSave(t, dir, 2, map[string][]byte{"a": nil})
	if err := Prune(dir, -1); err == nil {
		t.Error("Prune with negative keep succeeded")
	}
	// A damaged latest means Prune cannot know which folder to spare.
	if err := os.WriteFile(filepath.Join(dir, "latest"), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Prune(dir, 0); err == nil {
		t.Error("Prune with a damaged latest succeeded")
	}
	if steps, _ := Steps(dir); !slices.Equal(steps, []int{1, 2}) {
		t.Errorf("failed Prune deleted checkpoints: steps = %v", steps)
	}
}

// TestReplaceWithoutSwap runs the two-rename fallback that platforms
// without an atomic folder swap use.
func TestReplaceWithoutSwap(t *testing.T) {
	swapFolders = func(a, b string) (bool, error) { return false, nil }
	t.Cleanup(func() { swapFolders = exchange })
	dir := t.TempDir()
	mustSave(t, dir, 3, map[string][]byte{"a": []byte("old"), "b": nil})
	folder := mustSave(t, dir, 3, map[string][]byte{"a": []byte("new")})
	files, _, err := Load(folder)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || string(files["a"]) != "new" {
		t.Errorf("files = %q, want only a=new", files)
	}
	if left := tempLeftovers(t, dir); len(left) != 0 {
		t.Errorf("temporary entries left: %v", left)
	}
}

// TestExchange checks the atomic swap where the platform offers one.
func TestExchange(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "was"), []byte(filepath.Base(d)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ok, err := exchange(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Skip("no atomic folder swap on this platform or file system")
	}
	for d, want := range map[string]string{a: "b", b: "a"} {
		if got, err := os.ReadFile(filepath.Join(d, "was")); err != nil || string(got) != want {
			t.Errorf("%s holds %q (%v), want %q", d, got, err, want)
		}
	}
	if _, err := exchange(a, filepath.Join(dir, "missing")); err == nil {
		t.Error("exchange with a missing folder succeeded")
	}
}
