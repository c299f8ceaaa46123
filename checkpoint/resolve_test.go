package checkpoint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	root := t.TempDir()
	run := filepath.Join(root, "run")
	mustSave(t, run, 100, map[string][]byte{"a": nil})
	step := mustSave(t, run, 200, map[string][]byte{"a": nil})
	model := filepath.Join(root, "model.safetensors")
	if err := writeSafetensors(model, map[string]Tensor{}, nil); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(root, "notes.txt")
	empty := filepath.Join(root, "empty")
	incomplete := filepath.Join(root, "step-000300")
	brokenRun := filepath.Join(root, "broken")
	for _, d := range []string{empty, incomplete, brokenRun} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(notes, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(brokenRun, "latest"), []byte("step-000001\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name     string
		path     string
		kind     Kind
		resolved string
		wantErr  string // non-empty: Resolve must fail with this in the error
	}{
		{"run folder", run, RunDir, step, ""},
		{"step folder", filepath.Join(run, "step-000100"), StepDir, filepath.Join(run, "step-000100"), ""},
		{"safetensors file", model, SafetensorsFile, model, ""},
		{"missing path", filepath.Join(root, "nope"), 0, "", "no such file or folder"},
		{"other file", notes, 0, "", ".safetensors"},
		{"empty folder", empty, 0, "", "neither a run folder"},
		{"incomplete step folder", incomplete, 0, "", "incomplete checkpoint"},
		{"run whose latest is missing", brokenRun, 0, "", "step-000001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, resolved, err := Resolve(tt.path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.path) {
					t.Errorf("Resolve = %v, %q, %v; want error naming %s and %q", kind, resolved, err, tt.path, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if kind != tt.kind || resolved != tt.resolved {
				t.Errorf("Resolve = %v, %s; want %v, %s", kind, resolved, tt.kind, tt.resolved)
			}
		})
	}
}

func TestKindString(t *testing.T) {
	tests := []struct {
		kind Kind
		want string
	}{
		{RunDir, "run folder"},
		{StepDir, "checkpoint folder"},
		{SafetensorsFile, "safetensors file"},
		{Kind(0), "Kind(0)"},
	}
	for _, tt := range tests {
		if got := tt.kind.String(); got != tt.want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(tt.kind), got, tt.want)
		}
	}
}
