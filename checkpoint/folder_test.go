package checkpoint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

type trainState struct {
	Step int     `json:"step"`
	Loss float64 `json:"loss"`
}

func mustSave(t *testing.T, dir string, step int, files map[string][]byte) string {
	t.Helper()
	folder, err := Save(dir, step, files, trainState{Step: step})
	if err != nil {
		t.Fatal(err)
	}
	return folder
}

// tempLeftovers lists the names in dir that start with the temporary prefix.
func tempLeftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tmpPrefix) {
			names = append(names, e.Name())
		}
	}
	return names
}

func TestSaveLoadRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run") // Save creates it
	files := map[string][]byte{
		"model.safetensors": []byte("weights"),
		"optimizer.json":    []byte(`{"lr":0.001}`),
		"empty.bin":         {},
	}
	folder, err := Save(dir, 400, files, trainState{Step: 400, Loss: 0.25})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "step-000400"); folder != want {
		t.Errorf("Save returned %s, want %s", folder, want)
	}
	latest, err := os.ReadFile(filepath.Join(dir, "latest"))
	if err != nil || string(latest) != "step-000400\n" {
		t.Errorf("latest = %q, %v; want \"step-000400\\n\"", latest, err)
	}
	if got, err := Latest(dir); err != nil || got != folder {
		t.Errorf("Latest = %s, %v; want %s", got, err, folder)
	}

	// state.json records every file's sha256 next to the caller's state.
	raw, err := os.ReadFile(filepath.Join(folder, "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Files map[string]string `json:"files"`
		State trainState        `json:"state"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		sum := sha256.Sum256(data)
		if m.Files[name] != hex.EncodeToString(sum[:]) {
			t.Errorf("state.json sha256 of %s = %q, want %x", name, m.Files[name], sum)
		}
	}
	if m.State != (trainState{Step: 400, Loss: 0.25}) {
		t.Errorf("state.json state = %+v", m.State)
	}

	gotFiles, state, err := Load(folder)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotFiles) != len(files) {
		t.Errorf("Load returned %d files, want %d", len(gotFiles), len(files))
	}
	for name, data := range files {
		if string(gotFiles[name]) != string(data) {
			t.Errorf("file %s = %q, want %q", name, gotFiles[name], data)
		}
	}
	var st trainState
	if err := json.Unmarshal(state, &st); err != nil || st != (trainState{Step: 400, Loss: 0.25}) {
		t.Errorf("state = %s (%v), want step 400 loss 0.25", state, err)
	}
	if left := tempLeftovers(t, dir); len(left) != 0 {
		t.Errorf("temporary entries left: %v", left)
	}
}

func TestSaveSameStepReplaces(t *testing.T) {
	dir := t.TempDir()
	mustSave(t, dir, 7, map[string][]byte{"a": []byte("old"), "b": []byte("gone")})
	folder := mustSave(t, dir, 7, map[string][]byte{"a": []byte("new")})
	files, _, err := Load(folder)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(files, map[string][]byte{"a": []byte("new")}) {
		t.Errorf("files after replacing = %q, want only a=new", files)
	}
	if _, err := os.Stat(filepath.Join(folder, "b")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("file b of the replaced checkpoint still exists (err %v)", err)
	}
	if left := tempLeftovers(t, dir); len(left) != 0 {
		t.Errorf("temporary entries left: %v", left)
	}
}

func TestSaveInvalid(t *testing.T) {
	tests := []struct {
		name  string
		step  int
		files map[string][]byte
		state any
		want  string
	}{
		{"negative step", -1, nil, nil, "negative step"},
		{"path as name", 1, map[string][]byte{"../x": nil}, nil, `"../x"`},
		{"folder in name", 1, map[string][]byte{"sub/x": nil}, nil, `"sub/x"`},
		{"empty name", 1, map[string][]byte{"": nil}, nil, `""`},
		{"reserved name", 1, map[string][]byte{"state.json": nil}, nil, "reserved"},
		{"state not JSON", 1, nil, make(chan int), "encode state"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			_, err := Save(dir, tt.step, tt.files, tt.state)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), dir) {
				t.Fatalf("error = %v, want one naming %s and %s", err, dir, tt.want)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("failed Save left %d entries", len(entries))
			}
		})
	}
}

// TestSaveInterrupted cuts Save of step 2 short after its first file, once
// as a write error and once as a crash (a panic, which skips Save's own
// cleanup), and checks step 1 stays the loadable latest checkpoint.
func TestSaveInterrupted(t *testing.T) {
	tests := []struct {
		name     string
		crash    bool
		leftover bool // a temporary folder remains until the next Save
	}{
		{"write error", false, false},
		{"crash", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			step1 := mustSave(t, dir, 1, map[string][]byte{"a": []byte("one"), "b": []byte("one")})

			failAfterFile = func(name string) error {
				if tt.crash {
					panic("simulated crash after " + name)
				}
				return errors.New("simulated write error after " + name)
			}
			t.Cleanup(func() { failAfterFile = nil })
			err := func() (err error) {
				defer func() {
					if r := recover(); r != nil {
						err = errors.New("crashed")
					}
				}()
				_, err = Save(dir, 2, map[string][]byte{"a": []byte("two"), "b": []byte("two")}, nil)
				return err
			}()
			failAfterFile = nil
			if err == nil {
				t.Fatal("interrupted Save succeeded")
			}

			if got, err := Latest(dir); err != nil || got != step1 {
				t.Errorf("Latest = %s, %v; want %s", got, err, step1)
			}
			if files, _, err := Load(step1); err != nil || string(files["a"]) != "one" {
				t.Errorf("Load(step 1) = %q, %v", files, err)
			}
			if _, err := os.Stat(filepath.Join(dir, "step-000002")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("step-000002 exists after interrupted Save (err %v)", err)
			}
			if steps, err := Steps(dir); err != nil || !slices.Equal(steps, []int{1}) {
				t.Errorf("Steps = %v, %v; want [1]", steps, err)
			}
			left := tempLeftovers(t, dir)
			if tt.leftover != (len(left) == 1) {
				t.Errorf("temporary entries after interruption = %v, want leftover=%v", left, tt.leftover)
			}

			mustSave(t, dir, 3, map[string][]byte{"a": []byte("three")})
			if left := tempLeftovers(t, dir); len(left) != 0 {
				t.Errorf("next Save left temporary entries %v", left)
			}
		})
	}
}

func TestLoadDamaged(t *testing.T) {
	tests := []struct {
		name   string
		damage func(folder string) error
		want   string
	}{
		{"flipped byte", func(f string) error {
			p := filepath.Join(f, "model.safetensors")
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b[3] ^= 0x01
			return os.WriteFile(p, b, 0o644)
		}, "model.safetensors is damaged"},
		{"missing file", func(f string) error { return os.Remove(filepath.Join(f, "optimizer.json")) }, "optimizer.json"},
		{"missing state.json", func(f string) error { return os.Remove(filepath.Join(f, "state.json")) }, "state.json"},
		{"state.json not JSON", func(f string) error {
			return os.WriteFile(filepath.Join(f, "state.json"), []byte("{"), 0o644)
		}, "state.json"},
		{"state.json without files", func(f string) error {
			return os.WriteFile(filepath.Join(f, "state.json"), []byte(`{"state":1}`), 0o644)
		}, `no "files"`},
		{"state.json escaping the folder", func(f string) error {
			return os.WriteFile(filepath.Join(f, "state.json"), []byte(`{"files":{"../latest":"00"}}`), 0o644)
		}, `"../latest"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			folder := mustSave(t, t.TempDir(), 5, map[string][]byte{
				"model.safetensors": []byte("model bytes"),
				"optimizer.json":    []byte("{}"),
			})
			if err := tt.damage(folder); err != nil {
				t.Fatal(err)
			}
			_, _, err := Load(folder)
			if err == nil {
				t.Fatal("Load of a damaged checkpoint succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), folder) {
				t.Errorf("error %q does not name %s and %s", err, folder, tt.want)
			}
		})
	}
}

func TestLatestErrors(t *testing.T) {
	tests := []struct {
		name   string
		latest string // content of latest; "" for no file
		want   string
	}{
		{"no latest file", "", "no checkpoint was saved here"},
		{"names a missing folder", "step-000009\n", "step-000009"},
		{"names an incomplete folder", "step-000002\n", "not a complete checkpoint"},
		{"not a step name", "../elsewhere\n", "not a step-NNNNNN folder name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.Mkdir(filepath.Join(dir, "step-000002"), 0o755); err != nil {
				t.Fatal(err)
			}
			if tt.latest != "" {
				if err := os.WriteFile(filepath.Join(dir, "latest"), []byte(tt.latest), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Latest(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), dir) {
				t.Errorf("error = %v, want one naming %s and %q", err, dir, tt.want)
			}
		})
	}
}

// TestLatestOfMissingFolder: a run folder that does not exist is named as
// missing, with the closest name beside it, not as a folder without latest.
func TestLatestOfMissingFolder(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "bolt"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Latest(filepath.Join(root, "blot"))
	if err == nil || !strings.Contains(err.Error(), "no such file or folder; did you mean "+filepath.Join(root, "bolt")) {
		t.Errorf("error = %v, want the folder named missing and bolt offered", err)
	}
	if _, err := Latest(filepath.Join(root, "elsewhere")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error = %v, want fs.ErrNotExist with nothing close", err)
	}
}
