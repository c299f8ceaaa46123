package checkpoint

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// tmpPrefix starts the name of everything this package writes before
// renaming it into place. Save removes leftovers with this prefix (and the
// step, latest or pruned marker after it) that a crash left behind.
const tmpPrefix = ".tmp-"

// writeTo is the writer of a file being saved; tests replace it with one
// that fails part-way, as a full disk does.
var writeTo = func(f *os.File) io.Writer { return f }

// writeFileSync creates path (which must not exist yet), writes data and
// fsyncs it, so that a later rename of the folder holding it cannot expose
// a file whose bytes are not yet on disk.
func writeFileSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := writeTo(f).Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeFileAtomic replaces path with what write produces. The bytes go to a
// temporary file in the same folder (rename is only atomic within one file
// system), which is fsynced, renamed over path, and the folder is fsynced so
// the rename itself survives a crash. Readers see the old file or the new
// one, never a mix.
func writeFileAtomic(path string, write func(w io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, tmpPrefix+base+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	// CreateTemp uses 0600; checkpoints are ordinary data files.
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(writeTo(f), 1<<20)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir fsyncs a folder so that the entries created, renamed or removed in
// it are durable. Windows cannot fsync folders (and does not need to), so it
// is a no-op there.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	// Some file systems do not support fsync on folders; the rename is
	// still as durable as that file system can make it.
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, errors.ErrUnsupported) {
		return nil
	}
	return err
}
