// Command seedtable summarises the eval --json reports that scripts/seeds.sh
// writes (DIR/s<SEED>/<SET>.json) as markdown tables: per set and word, the
// final layer's AUC and centroid accuracy as mean ± sample standard
// deviation (n − 1) over the seeds, the untrained baseline and the share of
// unknown tokens.
//
//	go run ./internal/cmd/seedtable DIR
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: seedtable DIR (the folder scripts/seeds.sh wrote)")
		os.Exit(2)
	}
	runs, err := readDir(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "seedtable:", err)
		os.Exit(1)
	}
	if err := write(os.Stdout, runs); err != nil {
		fmt.Fprintln(os.Stderr, "seedtable:", err)
		os.Exit(1)
	}
}
