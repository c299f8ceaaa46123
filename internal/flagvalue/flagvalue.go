// Package flagvalue checks the value a command-line flag was given for the
// two mistakes package flag accepts silently, so that train and eval say
// them the same way.
package flagvalue

import (
	"fmt"
	"strings"
)

// Check returns an error naming the flag when the value it was given is
// empty, or is the next flag: "--config --out x" gives --config the value
// "--out". Call it only for flags that were given.
func Check(name, value string) error {
	switch {
	case strings.TrimSpace(value) == "":
		return fmt.Errorf("--%s is empty", name)
	case strings.HasPrefix(value, "--"):
		return fmt.Errorf("--%s needs a value before the next flag (got %s)", name, value)
	}
	return nil
}
