// Package textlist writes the lists messages name: the first few items,
// then how many more there are.
package textlist

import (
	"fmt"
	"strings"
)

// Short joins at most the first most items with ", " and adds
// " and N more" for the rest.
func Short(items []string, most int) string {
	if len(items) <= most {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:most], ", "), len(items)-most)
}
