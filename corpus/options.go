package corpus

import (
	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/data"
)

// This file adapts a config to the data package, which knows neither
// configs nor this corpus: train and inspect (and their tests) read a run's
// sentences through Options.

// FromConfig is the built-in corpus a config's data section asks for.
func FromConfig(d configs.Data) Config {
	return Config{Words: d.Words, TrainPerSense: d.TrainPerSense, HeldoutPerSense: d.HeldoutPerSense, WordNet: d.WordNet, Seed: uint64(d.Seed)}
}

// Options are the data.Options that c names: the built-in corpus generated
// by this package, or the user's files. Errors about a key point at its
// line in c's file.
func Options(c *configs.Config) (data.Options, error) {
	o := data.Options{
		MaxLen:    c.Model.MaxLen,
		MinCount:  c.Data.MinCount,
		WordPiece: c.Data.UsesWordPiece(),
		VocabSize: c.Data.VocabSize,
		Errorf:    c.Errorf,
	}
	switch c.Data.Corpus {
	case configs.Builtin:
		o.Generated = "the built-in corpus"
		o.Generate = func() (train, heldout []data.Sentence, err error) {
			if train, heldout, err = Generate(FromConfig(c.Data)); err != nil {
				return nil, nil, c.Errorf("data.words", "%v", err)
			}
			return train, heldout, nil
		}
	case configs.Files:
		o.TrainFile, o.HeldoutFile = c.Data.TrainFile, c.Data.HeldoutFile
	default:
		return data.Options{}, c.Errorf("data.corpus", "unknown corpus %q", c.Data.Corpus)
	}
	return o, nil
}
