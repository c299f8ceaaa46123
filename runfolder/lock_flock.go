//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package runfolder

import (
	"errors"
	"os"
	"syscall"
)

// tryLock takes an exclusive flock on f without waiting; held is false when
// another open file holds it. The kernel drops the lock when its process
// dies, which is how a killed train's lock is known to be stale.
func tryLock(f *os.File) (held bool, err error) {
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

func unlock(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }

// haveFlock says whether a second holder is refused on this platform.
const haveFlock = true
