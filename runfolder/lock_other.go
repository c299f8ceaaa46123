//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package runfolder

import "os"

// Without flock (Windows, Solaris) the lock file is advisory only: it names the holder but a
// second train is not refused.
func tryLock(*os.File) (bool, error) { return true, nil }

func unlock(*os.File) {}

const haveFlock = false
