package checkpoint

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange atomically swaps the folders at a and b, so that replacing an
// existing checkpoint never leaves a moment where its step folder is
// missing. ok is false when the file system cannot do it (RENAME_EXCHANGE
// needs Linux 3.15 and support from the file system); the caller then falls
// back to two renames.
func exchange(a, b string) (ok bool, err error) {
	err = unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.ENOTSUP) {
		return false, nil
	}
	if err != nil {
		return false, &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
	}
	return true, nil
}
