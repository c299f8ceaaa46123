package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// report is the part of an eval --json report the tables use.
type report struct {
	Results []struct {
		Word           string   `json:"word"`
		Representation string   `json:"representation"`
		N              int      `json:"n"`
		AUC            *float64 `json:"auc"`
		CentroidAcc    *float64 `json:"centroid_acc"`
	} `json:"results"`
	UnknownRate *float64 `json:"unknown_rate"`
}

// score is one word of one set in one seed's run.
type score struct{ auc, centroid, untrained float64 }

// set is one data set over the seeds: per seed, its words' final-layer
// scores and its unknown share.
type set struct {
	name    string
	seeds   []int64
	words   []string           // in report order
	scores  []map[string]score // [seed index][word]
	unknown []float64          // [seed index]
	n       int                // labelled sentences of the first seed's report
}

// readDir reads DIR/s<SEED>/<SET>.json for every seed folder and set; every
// seed must have the same sets.
func readDir(dir string) ([]*set, error) {
	seedDirs, err := filepath.Glob(filepath.Join(dir, "s*"))
	if err != nil {
		return nil, err
	}
	seedName := regexp.MustCompile(`^s(\d+)$`)
	type seedDir struct {
		seed int64
		path string
	}
	var seeds []seedDir
	for _, p := range seedDirs {
		if m := seedName.FindStringSubmatch(filepath.Base(p)); m != nil {
			s, _ := strconv.ParseInt(m[1], 10, 64)
			seeds = append(seeds, seedDir{s, p})
		}
	}
	if len(seeds) == 0 {
		return nil, fmt.Errorf("%s: no s<SEED> folders", dir)
	}
	slices.SortFunc(seeds, func(a, b seedDir) int { return int(a.seed - b.seed) })
	files, _ := filepath.Glob(filepath.Join(seeds[0].path, "*.json"))
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no .json reports", seeds[0].path)
	}
	var sets []*set
	for _, f := range files {
		st := &set{name: strings.TrimSuffix(filepath.Base(f), ".json")}
		for _, sd := range seeds {
			if err := st.add(sd.seed, filepath.Join(sd.path, filepath.Base(f))); err != nil {
				return nil, err
			}
		}
		sets = append(sets, st)
	}
	slices.SortStableFunc(sets, func(a, b *set) int { return rank(a.name) - rank(b.name) })
	return sets, nil
}

// add reads one seed's report of the set.
func (st *set) add(seed int64, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var r report
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	final := finalLayer(r)
	if final == "" {
		return fmt.Errorf("%s: no layerN results", path)
	}
	scores := map[string]score{}
	for _, res := range r.Results {
		s := scores[res.Word]
		switch {
		case res.Representation == final && res.AUC != nil && res.CentroidAcc != nil:
			s.auc, s.centroid = *res.AUC, *res.CentroidAcc
			if len(st.scores) == 0 {
				st.n += res.N
			}
		case res.Representation == "untrained" && res.AUC != nil:
			s.untrained = *res.AUC
		default:
			continue // another representation, or an undefined score
		}
		if _, seen := scores[res.Word]; !seen && len(st.scores) == 0 {
			st.words = append(st.words, res.Word)
		}
		scores[res.Word] = s
	}
	for _, w := range st.words {
		if _, ok := scores[w]; !ok {
			return fmt.Errorf("%s: no scores for %q", path, w)
		}
	}
	if len(scores) != len(st.words) {
		return fmt.Errorf("%s: %d words, the first seed's report has %d", path, len(scores), len(st.words))
	}
	unknown := 0.0
	if r.UnknownRate != nil {
		unknown = *r.UnknownRate
	}
	st.seeds = append(st.seeds, seed)
	st.scores = append(st.scores, scores)
	st.unknown = append(st.unknown, unknown)
	return nil
}

// finalLayer is the deepest "layerN" representation of the report.
func finalLayer(r report) string {
	best, name := -1, ""
	for _, res := range r.Results {
		if n, ok := strings.CutPrefix(res.Representation, "layer"); ok {
			if k, err := strconv.Atoi(n); err == nil && k > best {
				best, name = k, res.Representation
			}
		}
	}
	return name
}

// setOrder is the order of the tables' rows: the written sets, cleanest
// check first, then the generated held-out split; other names follow.
var setOrder = []string{"natural", "second_writer", "dev", "misleading_dev", "heldout"}

func rank(name string) int {
	if i := slices.Index(setOrder, name); i >= 0 {
		return i
	}
	return len(setOrder)
}

// label names a set as the docs' tables do: "natural.tsv (240)", "held-out
// (generated, 480)".
func (st *set) label() string {
	if st.name == "heldout" {
		return fmt.Sprintf("held-out (generated, %d)", st.n)
	}
	return fmt.Sprintf("%s.tsv (%d)", st.name, st.n)
}
