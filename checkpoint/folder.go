package checkpoint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// failAfterFile, when set, is called after each file Save writes into its
// temporary folder; an error it returns aborts the Save as a write error
// would, and a panic stands in for a crash. Tests use it to interrupt a
// Save between files.
var failAfterFile func(name string) error

// swapFolders is exchange, replaceable so that tests can run the fallback
// that platforms without an atomic swap take.
var swapFolders = exchange

// manifest is the content of state.json.
type manifest struct {
	// Files maps each file's name to the hex sha256 of its bytes.
	Files map[string]string `json:"files"`
	// State is the caller's own state, kept as raw JSON.
	State json.RawMessage `json:"state"`
}

// Save writes files (name -> bytes, e.g. "model.safetensors") and a
// state.json manifest into DIR/step-NNNNNN and then points DIR/latest at it.
// The manifest records the sha256 of every file, so Load can detect a
// damaged checkpoint, next to state, which is any JSON-marshalable value.
//
// Everything is written into a temporary folder DIR/.tmp-step-NNNNNN-*,
// each file and the folder fsynced, and the folder is renamed into place
// (atomically replacing a folder of the same step where the platform can
// swap folders, as Linux can). Only then is latest replaced. So a crash at
// any moment leaves the previous checkpoint loadable and latest naming a
// complete folder; the next Save removes the temporary leftovers.
func Save(dir string, step int, files map[string][]byte, state any) (folder string, err error) {
	if step < 0 {
		return "", fmt.Errorf("save checkpoint in %s: negative step %d", dir, step)
	}
	name := StepName(step)
	final := filepath.Join(dir, name)
	wrap := func(err error) error { return fmt.Errorf("save checkpoint %s: %w", final, err) }

	names := make([]string, 0, len(files))
	for n := range files {
		if err := checkFileName(n); err != nil {
			return "", wrap(err)
		}
		names = append(names, n)
	}
	slices.Sort(names)
	// Encode the state before touching the disk: a value that cannot be
	// marshaled is a caller error and should leave nothing behind.
	stateJSON, err := json.Marshal(state)
	if err != nil {
		return "", wrap(fmt.Errorf("encode state: %w", err))
	}

	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", wrap(err)
	}
	if err := removeLeftovers(dir); err != nil {
		return "", wrap(err)
	}
	tmp, err := os.MkdirTemp(dir, tmpPrefix+name+"-*")
	if err != nil {
		return "", wrap(err)
	}
	// Cleanup is explicit rather than deferred so that a panic, like a
	// crash, leaves the temporary folder for the next Save to remove.
	fail := func(err error) (string, error) {
		os.RemoveAll(tmp)
		return "", wrap(err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp uses 0700
		return fail(err)
	}

	m := manifest{Files: make(map[string]string, len(files)), State: stateJSON}
	for _, n := range names {
		if err := writeFileSync(filepath.Join(tmp, n), files[n]); err != nil {
			return fail(err)
		}
		sum := sha256.Sum256(files[n])
		m.Files[n] = hex.EncodeToString(sum[:])
		if err := checkInterrupt(n); err != nil {
			return fail(err)
		}
	}
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fail(fmt.Errorf("encode %s: %w", stateName, err))
	}
	if err := writeFileSync(filepath.Join(tmp, stateName), append(mj, '\n')); err != nil {
		return fail(err)
	}
	if err := checkInterrupt(stateName); err != nil {
		return fail(err)
	}
	if err := syncDir(tmp); err != nil {
		return fail(err)
	}
	if err := install(tmp, final); err != nil {
		return fail(err)
	}
	if err := syncDir(dir); err != nil {
		return "", wrap(err)
	}
	err = writeFileAtomic(filepath.Join(dir, LatestFile), func(w io.Writer) error {
		_, err := io.WriteString(w, name+"\n")
		return err
	})
	if err != nil {
		return "", wrap(fmt.Errorf("update %s: %w", LatestFile, err))
	}
	return final, nil
}

func checkInterrupt(name string) error {
	if failAfterFile == nil {
		return nil
	}
	return failAfterFile(name)
}

// install moves the finished temporary folder tmp to final, replacing any
// folder already there.
func install(tmp, final string) error {
	if _, err := os.Lstat(final); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, final)
	} else if err != nil {
		return err
	}
	swapped, err := swapFolders(tmp, final)
	if err != nil {
		return err
	}
	if swapped {
		// tmp now holds the old checkpoint; were this removal to be cut
		// short, the next Save would finish it.
		return os.RemoveAll(tmp)
	}
	// No atomic swap: move the old folder aside under a leftover name, then
	// the new one in. Only a crash between these two renames can leave the
	// step without a folder.
	old := tmp + "-old"
	if err := os.Rename(final, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Rename(old, final) // best effort: put the old checkpoint back
		return err
	}
	return os.RemoveAll(old)
}

// removeLeftovers deletes what an interrupted Save or Prune left in dir:
// temporary checkpoint folders, latest files and folders being pruned.
func removeLeftovers(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, tmpPrefix+stepPrefix) ||
			strings.HasPrefix(n, tmpPrefix+LatestFile+"-") ||
			strings.HasPrefix(n, tmpPrefix+prunedPrefix) {
			if err := os.RemoveAll(filepath.Join(dir, n)); err != nil {
				return fmt.Errorf("remove leftover %s: %w", n, err)
			}
		}
	}
	return nil
}

// Latest returns the checkpoint folder that DIR/latest names. A missing
// latest file, or one naming a folder that is not a complete checkpoint, is
// an error that says how to get one.
//
// A train saving into dir may replace latest and prune the folder it named
// between the two reads; then latest is read again.
func Latest(dir string) (string, error) {
	name, err := readLatest(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := os.Stat(dir); errors.Is(serr, fs.ErrNotExist) {
			return "", missing(dir) // the folder itself: say so, and what is close by
		}
		return "", fmt.Errorf("find latest checkpoint in %s: no %s file, so no checkpoint was saved here", dir, LatestFile)
	}
	if err != nil {
		return "", fmt.Errorf("find latest checkpoint in %s: %w", dir, err)
	}
	folder := filepath.Join(dir, name)
	_, err = os.Stat(filepath.Join(folder, stateName))
	for try := 0; err != nil && try < 3; try++ {
		now, lerr := readLatest(dir)
		if lerr != nil || now == name {
			break
		}
		name, folder = now, filepath.Join(dir, now)
		_, err = os.Stat(filepath.Join(folder, stateName))
	}
	if err != nil {
		return "", fmt.Errorf("find latest checkpoint in %s: %s names %s, which is not a complete checkpoint (%w); save a new checkpoint, or write the name of an existing step folder into %s",
			dir, LatestFile, name, err, filepath.Join(dir, LatestFile))
	}
	return folder, nil
}

// readLatest returns the folder name in DIR/latest, checked to be a step
// folder name so that a damaged file cannot point outside the run folder.
func readLatest(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, LatestFile))
	if err != nil {
		return "", err
	}
	name := strings.TrimSpace(string(b))
	if _, ok := parseStep(name); !ok {
		return "", fmt.Errorf("%s holds %q, not a step-NNNNNN folder name", filepath.Join(dir, LatestFile), name)
	}
	return name, nil
}

// Load reads the checkpoint in folder: every file its state.json lists,
// each verified against its recorded sha256, and the raw "state" JSON that
// was passed to Save. A missing or damaged file is an error naming it.
func Load(folder string) (files map[string][]byte, state json.RawMessage, err error) {
	b, err := os.ReadFile(filepath.Join(folder, stateName))
	if err != nil {
		return nil, nil, fmt.Errorf("load checkpoint %s: %w", folder, err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, nil, fmt.Errorf("load checkpoint %s: %s: %w", folder, stateName, err)
	}
	if m.Files == nil {
		return nil, nil, fmt.Errorf("load checkpoint %s: %s has no \"files\" entry (damaged?)", folder, stateName)
	}
	files = make(map[string][]byte, len(m.Files))
	// Sorted so that with several bad files the same one is reported.
	for _, name := range slices.Sorted(maps.Keys(m.Files)) {
		want := m.Files[name]
		if err := checkFileName(name); err != nil {
			return nil, nil, fmt.Errorf("load checkpoint %s: %s: %w", folder, stateName, err)
		}
		data, err := os.ReadFile(filepath.Join(folder, name))
		if err != nil {
			return nil, nil, fmt.Errorf("load checkpoint %s: %w", folder, err)
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); !strings.EqualFold(got, want) {
			return nil, nil, fmt.Errorf("load checkpoint %s: %s is damaged: sha256 %s, %s recorded %s",
				folder, name, got, stateName, want)
		}
		files[name] = data
	}
	return files, m.State, nil
}
