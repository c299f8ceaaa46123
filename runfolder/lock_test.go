package runfolder

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestLock: a held lock refuses a second holder and CheckLock, names the
// holder's pid, is removed on release, and a stale file is taken over.
func TestLock(t *testing.T) {
	if !haveFlock {
		t.Skip("no flock on this platform: the lock file is advisory")
	}
	dir := filepath.Join(t.TempDir(), "run")
	if err := CheckLock(dir); err != nil {
		t.Fatalf("CheckLock of a missing folder: %v", err)
	}
	l, stale, err := Acquire(dir)
	if err != nil || stale != 0 {
		t.Fatalf("Acquire: %v, stale %d", err, stale)
	}
	b, _ := os.ReadFile(filepath.Join(dir, LockFile))
	if string(b) != strconv.Itoa(os.Getpid())+"\n" {
		t.Errorf("lock file holds %q, want this pid", b)
	}
	var busy *Busy
	if _, _, err := Acquire(dir); !errors.As(err, &busy) || busy.PID != os.Getpid() {
		t.Errorf("second Acquire: %v, want Busy naming pid %d", err, os.Getpid())
	}
	if err := CheckLock(dir); !errors.As(err, &busy) {
		t.Errorf("CheckLock of a held folder: %v", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, LockFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file after Release: %v", err)
	}
	// A killed holder leaves its file but not its flock.
	if err := os.WriteFile(filepath.Join(dir, LockFile), []byte("999999999\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckLock(dir); err != nil {
		t.Errorf("CheckLock of a stale lock: %v", err)
	}
	l, stale, err = Acquire(dir)
	if err != nil || stale != 999999999 {
		t.Errorf("taking over a stale lock: %v, stale %d; want 999999999", err, stale)
	}
	l.Release()
}
