package inspect

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/attendlab/attend/corpus"
	"github.com/attendlab/attend/data"
)

// HeldOut is the --data value that selects the held-out split of the
// checkpoint's own corpus.
const HeldOut = "heldout"

// EvalData returns the sentences to evaluate and the training sentences whose
// occurrences give the centroids of the nearest-centroid classifier (the
// data.CentroidSample the training log's probe uses too). With
// HeldOut (or "") both come from the checkpoint's config, rebuilt with its
// saved vocabulary so token ids match; with a .tsv file
// (word<TAB>sense<TAB>sentence) the file is evaluated and the centroids
// still come from the training split of the checkpoint's data. A sentence
// longer than the model's max_len is an error that names it (and its line
// in a .tsv file).
func (c *Checkpoint) EvalData(dataFlag string) (name string, eval, centroids []data.Sentence, err error) {
	fromFile := dataFlag != "" && dataFlag != HeldOut
	if fromFile && !strings.EqualFold(filepath.Ext(dataFlag), ".tsv") {
		return "", nil, nil, Usagef("--data %s: want %q or a .tsv file (word<TAB>sense<TAB>sentence)", dataFlag, HeldOut)
	}
	if fromFile {
		if eval, err = data.LoadTSVChecked(dataFlag, c.Tokenizer, c.fit); err != nil {
			return "", nil, nil, err
		}
	}
	load := data.Load
	if fromFile {
		load = data.LoadTrain // the file replaces the held-out split
	}
	o, err := corpus.Options(c.Loaded.Config)
	if err != nil {
		return "", nil, nil, fmt.Errorf("the checkpoint's data: %w", err)
	}
	d, err := load(o, c.Loaded.File.Vocab)
	if err != nil {
		return "", nil, nil, fmt.Errorf("load the checkpoint's data: %w", err)
	}
	if err := c.fitAll(d.Train); err != nil {
		return "", nil, nil, fmt.Errorf("the training split of the checkpoint's data: %w", err)
	}
	// The centroids come from the sentences the training log's probe uses.
	centroids = data.CentroidSample(d.Train)
	if fromFile {
		return dataFlag, eval, centroids, nil
	}
	if err := c.fitAll(d.Heldout); err != nil {
		return "", nil, nil, fmt.Errorf("the held-out split of the checkpoint's data: %w", err)
	}
	return HeldOut, d.Heldout, centroids, nil
}
