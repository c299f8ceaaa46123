package train

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/data"
)

// Dataset is what a run trains and validates on.
type Dataset struct {
	Train   []data.Sentence
	Heldout []data.Sentence
	Vocab   *data.Vocab
	Senses  []string // sense labels ("bank:river") of the training split; class id = index
}

// LoadData builds the configured corpus: the built-in word-sense sentences or
// the user's files. With vocab nil the vocabulary is built from the training
// split; otherwise (resuming, evaluating) the saved one is used.
func LoadData(c *configs.Config, vocab []string) (*Dataset, error) {
	d := &Dataset{}
	var err error
	switch c.Data.Corpus {
	case "builtin":
		cc := data.CorpusConfig{Words: c.Data.Words, TrainPerSense: c.Data.TrainPerSense,
			HeldoutPerSense: c.Data.HeldoutPerSense, Seed: uint64(c.Data.Seed)}
		if d.Train, d.Heldout, err = data.Generate(cc); err != nil {
			return nil, c.Errorf("data.words", "%v", err)
		}
	case "files":
		if d.Train, err = loadFile(c.Data.TrainFile); err != nil {
			return nil, err
		}
		if d.Heldout, err = loadFile(c.Data.HeldoutFile); err != nil {
			return nil, err
		}
	default:
		return nil, c.Errorf("data.corpus", "unknown corpus %q", c.Data.Corpus)
	}
	if vocab == nil {
		toks := make([][]string, len(d.Train))
		for i, s := range d.Train {
			toks[i] = s.Tokens
		}
		d.Vocab = data.BuildVocab(toks, c.Data.MinCount)
	} else if d.Vocab, err = data.NewVocab(vocab); err != nil {
		return nil, fmt.Errorf("saved vocabulary: %w", err)
	}
	d.Senses = data.SenseLabels(d.Train)
	return d, nil
}

func loadFile(path string) ([]data.Sentence, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".tsv":
		return data.LoadTSV(path)
	case ".txt":
		return data.LoadText(path)
	}
	return nil, fmt.Errorf("load %s: want a .txt or .tsv file", path)
}

// ModelSenses is the number of sense classes the model's head needs: none
// when the objective does not train senses.
func ModelSenses(c *configs.Config, d *Dataset) int {
	if !c.UsesSense() {
		return 0
	}
	return len(d.Senses)
}
