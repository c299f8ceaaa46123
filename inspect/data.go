package inspect

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/train"
)

// HeldOut is the --data value that selects the held-out split of the
// checkpoint's own corpus.
const HeldOut = "heldout"

// EvalData returns the sentences to evaluate and the training split whose
// occurrences give the centroids of the nearest-centroid classifier. With
// HeldOut (or "") both come from the checkpoint's config, rebuilt with its
// saved vocabulary so token ids match; with a .tsv file
// (word<TAB>sense<TAB>sentence) the file is evaluated and the centroids
// still come from the training split of the checkpoint's data.
func (c *Checkpoint) EvalData(dataFlag string) (name string, eval, trainSplit []data.Sentence, err error) {
	if dataFlag != "" && dataFlag != HeldOut && !strings.EqualFold(filepath.Ext(dataFlag), ".tsv") {
		return "", nil, nil, fmt.Errorf("--data %s: want %q or a .tsv file (word<TAB>sense<TAB>sentence)", dataFlag, HeldOut)
	}
	var sents []data.Sentence
	if dataFlag != "" && dataFlag != HeldOut {
		if sents, err = data.LoadTSV(dataFlag); err != nil {
			return "", nil, nil, err
		}
		for _, s := range sents {
			if len(s.Tokens) > c.MaxLen() {
				return "", nil, nil, fmt.Errorf("load %s: sentence %q has %d tokens, more than the model's max_len %d", dataFlag, s.Text, len(s.Tokens), c.MaxLen())
			}
		}
	}
	d, err := train.LoadData(c.Loaded.Config, c.Loaded.File.Vocab)
	if err != nil {
		return "", nil, nil, fmt.Errorf("load the checkpoint's data: %w", err)
	}
	if sents == nil {
		return HeldOut, d.Heldout, d.Train, nil
	}
	return dataFlag, sents, d.Train, nil
}
