package runfolder

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// LockFile is the file in a run folder that a running train holds, with its
// process id, so that a second train into the same folder is refused.
const LockFile = "lock"

// Lock is a held run-folder lock; Release gives it back.
type Lock struct {
	f    *os.File
	path string
}

// Busy is the error of a run folder that another live process holds.
type Busy struct {
	Dir string
	PID int // 0 when the lock file does not say
}

func (e *Busy) Error() string {
	who := "another process"
	if e.PID > 0 {
		who = fmt.Sprintf("process %d", e.PID)
	}
	return fmt.Sprintf("run folder %s is in use by %s (%s); wait for it to finish, or train into another --out",
		e.Dir, who, filepath.Join(e.Dir, LockFile))
}

// CheckLock returns a *Busy error when a live process holds dir's lock. It
// writes nothing, so it can run before anything else is checked.
func CheckLock(dir string) error {
	path := filepath.Join(dir, LockFile)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("run folder %s: %w", dir, err)
	}
	defer f.Close()
	held, err := tryLock(f)
	if err != nil {
		return fmt.Errorf("run folder %s: lock %s: %w", dir, path, err)
	}
	if !held {
		return &Busy{Dir: dir, PID: readPID(path)}
	}
	unlock(f)
	return nil
}

// Acquire creates dir if needed and takes its lock, writing this process's
// id into the lock file. A lock file left by a process that no longer runs
// (killed) is taken over; stale is then its process id (or -1 when the file
// did not say), 0 otherwise. A folder that cannot be written fails here,
// before any training step.
func Acquire(dir string) (l *Lock, stale int, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, 0, fmt.Errorf("run folder %s cannot be created: %w", dir, err)
	}
	path := filepath.Join(dir, LockFile)
	for range 10 {
		old, statErr := os.Stat(path)
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, 0, fmt.Errorf("run folder %s cannot be written: %w", dir, err)
		}
		held, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, 0, fmt.Errorf("run folder %s: lock %s: %w", dir, path, err)
		}
		if !held {
			f.Close()
			return nil, 0, &Busy{Dir: dir, PID: readPID(path)}
		}
		// A holder that released (removed) the file between our open and our
		// lock leaves us a lock on a file no longer in the folder: try again.
		if fi, err := f.Stat(); err == nil {
			if now, err := os.Stat(path); err == nil && os.SameFile(fi, now) {
				return take(f, path, statErr == nil && old.Size() > 0)
			}
		}
		unlock(f)
		f.Close()
	}
	return nil, 0, fmt.Errorf("run folder %s: lock %s keeps changing", dir, path)
}

// take writes this process's id into the locked file f.
func take(f *os.File, path string, wasThere bool) (l *Lock, stale int, err error) {
	dir := filepath.Dir(path)
	if wasThere {
		if stale = readPID(path); stale == 0 {
			stale = -1
		}
	}
	if err := f.Truncate(0); err == nil {
		_, err = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	if err != nil {
		unlock(f)
		f.Close()
		return nil, 0, fmt.Errorf("run folder %s cannot be written: %w", dir, err)
	}
	return &Lock{f: f, path: path}, stale, nil
}

// Release removes the lock file and gives the lock back.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := os.Remove(l.path)
	unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

// readPID is the process id a lock file names, 0 when it names none.
func readPID(path string) int {
	b, err := os.ReadFile(path)
	if err != nil || len(b) > 32 {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}
