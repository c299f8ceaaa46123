package data

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
)

// Dataset is what a run trains and validates on.
type Dataset struct {
	Train   []Sentence
	Heldout []Sentence // nil when loaded with LoadTrain
	Vocab   *Vocab
	Senses  []string // sense labels ("bank:river") of the training split; class id = index
	// Tokenizer split the sentences' words into Vocab's pieces (Tokens, Pos
	// are pieces); nil with data.tokenizer word.
	Tokenizer *Tokenizer
	// Added are the words of the training split that the starting
	// vocabulary lacked, appended to it (LoadFrom); nil otherwise.
	Added []string
}

// Options say what a Dataset is read from and how its words become tokens.
// They hold what the config's data section asks for (the caller adapts it),
// so this package depends on no config.
type Options struct {
	// Generate writes the training and held-out splits of a generated
	// corpus (the built-in one); nil: TrainFile and HeldoutFile are read.
	Generate func() (train, heldout []Sentence, err error)
	// Generated names the generated corpus in error messages.
	Generated   string
	TrainFile   string // .txt (unlabelled) or .tsv (word<TAB>sense<TAB>sentence)
	HeldoutFile string // same formats as TrainFile
	MaxLen      int    // longest sentence in tokens (model.max_len)
	MinCount    int    // fewest occurrences of a word in the vocabulary (data.min_count)
	WordPiece   bool   // split words into WordPiece pieces instead of one token a word
	VocabSize   int    // WordPiece: vocabulary size (data.vocab_size)
	// Errorf reports an error about the option named by its config key
	// ("model.max_len"), so the error can point at its line; nil writes
	// "key: message".
	Errorf func(key, format string, args ...any) error
}

// errorf reports an error about one option (see Options.Errorf).
func (o *Options) errorf(key, format string, args ...any) error {
	if o.Errorf != nil {
		return o.Errorf(key, format, args...)
	}
	return fmt.Errorf("%s: %s", key, fmt.Sprintf(format, args...))
}

// missing names the config key of a data file that is not there (the
// config's file and line when o.Errorf knows them); other errors name the
// file and line already.
func (o *Options) missing(key string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return o.errorf(key, "%v", err)
	}
	return err
}

// Load reads the dataset o names: the generated sentences or the user's
// files. With vocab nil the vocabulary is built from the training split;
// otherwise (resuming, evaluating) the saved one is used.
func Load(o Options, vocab []string) (*Dataset, error) {
	return load(&o, vocab, true, vocab == nil)
}

// LoadFrom is Load for a new run that starts from a saved model's
// vocabulary: the words of the training split it lacks are appended to it
// (Dataset.Added), so that no word of the new data is read as [UNK]. A
// WordPiece vocabulary is kept as it is: its pieces spell any word.
func LoadFrom(o Options, vocab []string) (*Dataset, error) { return load(&o, vocab, true, true) }

// LoadTrain is Load without the held-out split: all that evaluating other
// sentences needs (the training split gives the sense centroids).
func LoadTrain(o Options, vocab []string) (*Dataset, error) {
	return load(&o, vocab, false, false)
}

// load reads the corpus; with grow (a new run), the training split's words
// join a saved vocab and every labelled target must have an id of its own.
func load(o *Options, vocab []string, heldout, grow bool) (*Dataset, error) {
	d := &Dataset{}
	var err error
	if vocab != nil {
		if d.Vocab, err = NewVocab(vocab); err != nil {
			return nil, fmt.Errorf("saved vocabulary: %w", err)
		}
		if o.WordPiece {
			d.Tokenizer = NewWordPiece(d.Vocab)
		}
	}
	if o.Generate != nil {
		if d.Train, d.Heldout, err = o.Generate(); err != nil {
			return nil, err
		}
		if !heldout {
			d.Heldout = nil
		}
	} else {
		if d.Train, err = loadFile(o.TrainFile, o.MaxLen, d.Tokenizer); err != nil {
			return nil, o.missing("data.train_file", err)
		}
		if heldout {
			if d.Heldout, err = loadFile(o.HeldoutFile, o.MaxLen, d.Tokenizer); err != nil {
				return nil, o.missing("data.heldout_file", err)
			}
		}
	}
	if d.Vocab == nil {
		if err := d.learnVocab(o); err != nil {
			return nil, err
		}
	}
	if o.Generate != nil && d.Tokenizer != nil {
		if err := d.splitGenerated(o); err != nil {
			return nil, err
		}
	}
	if grow && !o.WordPiece {
		if vocab != nil {
			toks := make([][]string, len(d.Train))
			for i, s := range d.Train {
				toks[i] = s.Tokens
			}
			d.Vocab, d.Added = d.Vocab.Extend(toks, o.MinCount)
		}
		if err := d.checkTargets(o); err != nil {
			return nil, err
		}
	}
	d.Senses = SenseLabels(d.Train)
	return d, nil
}

// checkTargets refuses a labelled target word that never occurs in the
// training data, or that the vocabulary lacks: it would be read as [UNK] or
// never trained. The error names the file that labels it and the training file.
func (d *Dataset) checkTargets(o *Options) error {
	train, heldout := o.Generated, o.Generated
	if o.Generate == nil {
		train, heldout = o.TrainFile, o.HeldoutFile
	}
	count := map[string]int{}
	for _, s := range d.Train {
		for _, w := range s.Tokens {
			count[w]++
		}
	}
	for _, split := range []struct {
		file  string
		sents []Sentence
	}{{train, d.Train}, {heldout, d.Heldout}} {
		for _, s := range split.sents {
			n := count[s.Word]
			if s.Label() == "" || (n > 0 && d.Vocab.Has(s.Word)) {
				continue
			}
			if n > 0 {
				return fmt.Errorf("%s: target word %q occurs %d times in %s, fewer than data.min_count %d: it would be read as %s (lower data.min_count)",
					split.file, s.Word, n, train, o.MinCount, UnkToken)
			}
			return fmt.Errorf("%s: target word %q never occurs in the training data %s: it would be read as %s (add sentences with it to the training file)",
				split.file, s.Word, train, UnkToken)
		}
	}
	return nil
}

// learnVocab builds the vocabulary from the training split's words. A file
// split into WordPiece's pieces is read again, so that a sentence that no
// longer fits model.max_len is named by its line.
func (d *Dataset) learnVocab(o *Options) error {
	toks := make([][]string, len(d.Train))
	for i, s := range d.Train {
		toks[i] = s.Tokens
	}
	if !o.WordPiece {
		d.Vocab = BuildVocab(toks, o.MinCount)
		return nil
	}
	v, err := LearnWordPiece(toks, o.VocabSize)
	if err != nil {
		return o.errorf("data.vocab_size", "%v", err)
	}
	d.Vocab, d.Tokenizer = v, NewWordPiece(v)
	if o.Generate == nil {
		if d.Train, err = loadFile(o.TrainFile, o.MaxLen, d.Tokenizer); err != nil {
			return err
		}
		if d.Heldout != nil {
			d.Heldout, err = loadFile(o.HeldoutFile, o.MaxLen, d.Tokenizer)
		}
	}
	return err
}

// splitGenerated splits a generated corpus's words into WordPiece's pieces.
func (d *Dataset) splitGenerated(o *Options) error {
	for _, split := range [][]Sentence{d.Train, d.Heldout} {
		d.Tokenizer.Sentences(split)
		for _, s := range split {
			if len(s.Tokens) > o.MaxLen {
				return o.errorf("model.max_len", "the sentence %q of %s has %d WordPiece tokens, more than %d: raise model.max_len (a larger data.vocab_size splits fewer words)",
					Shorten(s.Text), o.Generated, len(s.Tokens), o.MaxLen)
			}
		}
	}
	return nil
}

// loadFile reads a .txt or .tsv split into tok's tokens (nil: words); a
// sentence longer than maxLen is refused with its file and line rather than
// later by the batcher.
func loadFile(path string, maxLen int, tok *Tokenizer) ([]Sentence, error) {
	fits := func(s Sentence) error {
		if len(s.Tokens) > maxLen {
			return fmt.Errorf("sentence has %d tokens, more than model.max_len %d (raise it or shorten the sentence)", len(s.Tokens), maxLen)
		}
		return nil
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".tsv":
		return LoadTSVChecked(path, tok, fits)
	case ".txt":
		return LoadTextChecked(path, tok, fits)
	}
	return nil, fmt.Errorf("load %s: want a .txt or .tsv file", path)
}

// CentroidPerSense bounds the training sentences per sense whose vectors make
// the sense centroids of the nearest-centroid probe, in the training log and
// in eval's report alike, so the two agree (and validation stays quick).
const CentroidPerSense = 40

// CentroidSample is the first CentroidPerSense labelled sentences of each
// sense of train, in order; hidden words (Sentence.Hidden) have no centroids.
func CentroidSample(train []Sentence) []Sentence {
	return slices.DeleteFunc(Labelled(train, CentroidPerSense), Sentence.Hidden)
}

// Labelled keeps the labelled sentences, at most perSense of each sense
// (0: all of them), in order.
func Labelled(sents []Sentence, perSense int) []Sentence {
	seen := map[string]int{}
	var out []Sentence
	for _, s := range sents {
		if l := s.Label(); l != "" && (perSense == 0 || seen[l] < perSense) {
			seen[l]++
			out = append(out, s)
		}
	}
	return out
}
