// Command checkeval fails unless an eval --json report shows the bank task
// working: static AUC 0.5, final-layer AUC and centroid accuracy >= 0.95, and
// the untrained control clearly below.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
)

type result struct {
	Word           string   `json:"word"`
	Representation string   `json:"representation"`
	AUC            *float64 `json:"auc"`
	CentroidAcc    *float64 `json:"centroid_acc"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: checkeval REPORT.json")
		os.Exit(2)
	}
	if err := check(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "checkeval:", err)
		os.Exit(1)
	}
}

func check(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var rep struct {
		Results []result `json:"results"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	byRep := map[string]result{}
	for _, r := range rep.Results {
		if r.Word == "bank" {
			byRep[r.Representation] = r
		}
	}
	final := finalLayer(byRep)
	get := func(name string) (result, error) {
		r, ok := byRep[name]
		if !ok || r.AUC == nil || r.CentroidAcc == nil {
			return r, fmt.Errorf("no scored %q row for bank", name)
		}
		return r, nil
	}
	static, err := get("static")
	if err != nil {
		return err
	}
	last, err := get(final)
	if err != nil {
		return err
	}
	untrained, err := get("untrained")
	if err != nil {
		return err
	}
	fmt.Printf("bank: static AUC %.3f, %s AUC %.3f centroid %.3f, untrained AUC %.3f\n",
		*static.AUC, final, *last.AUC, *last.CentroidAcc, *untrained.AUC)
	switch {
	case *static.AUC != 0.5:
		return fmt.Errorf("static AUC %v, want exactly 0.5", *static.AUC)
	case *last.AUC < 0.95 || *last.CentroidAcc < 0.95:
		return fmt.Errorf("final layer AUC %.3f, centroid %.3f: want both >= 0.95", *last.AUC, *last.CentroidAcc)
	case *untrained.AUC > *last.AUC-0.1:
		return fmt.Errorf("untrained AUC %.3f is not clearly below the trained %.3f", *untrained.AUC, *last.AUC)
	}
	return nil
}

// finalLayer returns the layerN representation with the largest N, by
// number: as strings, layer10 sorts before layer9.
func finalLayer(byRep map[string]result) string {
	final, finalN := "", 0
	for name := range byRep {
		if n, err := strconv.Atoi(strings.TrimPrefix(name, "layer")); err == nil && strings.HasPrefix(name, "layer") && n > finalN {
			final, finalN = name, n
		}
	}
	return final
}
