//go:build !linux

package checkpoint

// exchange reports that this platform has no atomic folder swap; the caller
// falls back to two renames.
func exchange(a, b string) (ok bool, err error) { return false, nil }
