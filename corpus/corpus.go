package corpus

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/attendlab/attend/data"
)

// data.Sentence length bounds of the built-in corpus, in tokens. Short enough to
// train quickly, long enough to hold several context words.
const (
	minSentenceLen = 5
	maxSentenceLen = 20
)

// Config selects and sizes the built-in corpus.
type Config struct {
	Words           []string // ambiguous words to include (subset of BuiltinWords); empty = all
	TrainPerSense   int      // generated training sentences per sense
	HeldoutPerSense int      // generated held-out sentences per sense
	WordNet         int      // WordNet sentences with a hidden noun to add to the training split (hiddenNouns)
	Seed            uint64
}

// Stream selectors for the two PCG sources, so the training and held-out
// draws are independent yet both follow from the one seed.
const (
	trainStream   = 0x747261696e // "train"
	heldoutStream = 0x68656c64   // "held"
	wordnetStream = 0x776e       // "wn"
)

// Generate writes the built-in corpus. Sentences come grouped by word (in
// sorted order) and sense (in SensesOf order), then cfg.WordNet hidden-noun
// sentences (hiddenNouns) at the end of the training split; batchers shuffle
// anyway.
//
// The six words' training sentences are distinct. Held-out sentences are distinct, never
// equal (as token sequences) to a training sentence, and only use words that
// occur in the training split, so every held-out word is in a vocabulary
// built from it: a held-out sentence is a new combination of known parts.
// Generation gives up with an error when the requested sizes cannot be
// reached within a bounded number of attempts.
func Generate(cfg Config) (train, heldout []data.Sentence, err error) {
	if cfg.TrainPerSense <= 0 || cfg.HeldoutPerSense <= 0 {
		return nil, nil, fmt.Errorf("generate corpus: sizes must be positive, got train %d held-out %d per sense",
			cfg.TrainPerSense, cfg.HeldoutPerSense)
	}
	t, err := loaded()
	if err != nil {
		return nil, nil, fmt.Errorf("generate corpus: %w", err)
	}
	specs, err := selectWords(t.lexicon, cfg.Words)
	if err != nil {
		return nil, nil, fmt.Errorf("generate corpus: %w", err)
	}

	grammars := make([][2]grammar, len(specs))
	for wi, w := range specs {
		for i := range w.senses {
			if grammars[wi][i], err = senseGrammar(t, w, i); err != nil {
				return nil, nil, fmt.Errorf("generate corpus: %w", err)
			}
		}
	}

	decks := trainingDecks(t, specs)
	// The training split draws the shared rules from decks, so that every
	// word of a long list comes up; the held-out split draws at random from
	// a grammar restricted to the training words.
	trainDraw := &drawer{rng: rand.New(rand.NewPCG(cfg.Seed, trainStream)), decks: decks}
	trainSet := make(map[string]bool)
	for wi, w := range specs {
		for i, s := range w.senses {
			g := &generator{draw: trainDraw, word: w.word, label: w.word + ":" + s.name,
				g: grammars[wi][i], exclude: trainSet}
			sents, err := g.fill(cfg.TrainPerSense)
			if err != nil {
				return nil, nil, fmt.Errorf("generate training corpus: %w", err)
			}
			train = append(train, sents...)
		}
	}

	known := make(map[string]bool)
	for _, s := range train {
		for _, t := range s.Tokens {
			known[t] = true
		}
	}
	if cfg.WordNet > 0 {
		hidden, err := hiddenNouns(known, cfg.WordNet, rand.New(rand.NewPCG(cfg.Seed, wordnetStream)))
		if err != nil {
			return nil, nil, fmt.Errorf("generate corpus: %w", err)
		}
		train = append(train, hidden...)
	}
	heldDraw := &drawer{rng: rand.New(rand.NewPCG(cfg.Seed, heldoutStream))}
	// trainSet now also collects held-out sentences, so they are distinct
	// from training and from each other. Every training sentence of a sense
	// only uses known words, so it counts against that sense's capacity.
	for wi, w := range specs {
		for i, s := range w.senses {
			g := &generator{draw: heldDraw, word: w.word, label: w.word + ":" + s.name,
				g: grammars[wi][i].restrict(known), exclude: trainSet, known: known, taken: cfg.TrainPerSense}
			sents, err := g.fill(cfg.HeldoutPerSense)
			if err != nil {
				return nil, nil, fmt.Errorf("generate held-out corpus: %w", err)
			}
			heldout = append(heldout, sents...)
		}
	}
	return train, heldout, nil
}

// selectWords resolves cfg.Words to specs in sorted order, ignoring repeats.
func selectWords(lexicon []wordSpec, words []string) ([]wordSpec, error) {
	if len(words) == 0 {
		return append([]wordSpec(nil), lexicon...), nil
	}
	sorted := append([]string(nil), words...)
	sort.Strings(sorted)
	var specs []wordSpec
	for i, w := range sorted {
		if i > 0 && w == sorted[i-1] {
			continue
		}
		spec, ok := findWord(lexicon, w)
		if !ok {
			return nil, fmt.Errorf("unknown word %q (built-in: %s)", w, strings.Join(wordsOf(lexicon), ", "))
		}
		specs = append(specs, spec)
	}
	return specs, nil
}

// errNoTemplate means no template of a sense can be written with the words
// allowed, which happens for held-out data when training was tiny.
var errNoTemplate = errors.New("no usable template")
