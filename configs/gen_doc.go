//go:build ignore

// gen_doc writes docs/configuration.md from configs/keydoc.go and the
// default config (go generate ./configs).
package main

import (
	"fmt"
	"os"

	"github.com/attendlab/attend/configs"
)

func main() {
	b, err := configs.Reference()
	if err == nil {
		err = os.WriteFile("../docs/configuration.md", b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen_doc:", err)
		os.Exit(1)
	}
}
