package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"

	"github.com/attendlab/attend/data"
)

// wordnetFile holds WordNet 3.0's noun glosses and examples with the noun
// hidden ("kind<TAB>sentence with [MASK]"), written by
// scripts/wordnet_sentences.py; wordnet/LICENSE is WordNet's licence.
//
//go:embed wordnet/sentences.tsv.gz
var wordnetFile []byte

const wordnetName = fileRoot + "wordnet/sentences.tsv.gz"

// hiddenNoun is one line of wordnetFile.
type hiddenNoun struct {
	kind   string
	tokens []string
	pos    int // index of data.MaskToken in tokens
}

// wordnetLines parses wordnetFile once.
var wordnetLines = sync.OnceValues(func() ([]hiddenNoun, error) { return parseWordNet(wordnetFile) })

func parseWordNet(gz []byte) ([]hiddenNoun, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", wordnetName, err)
	}
	var out []hiddenNoun
	sc := bufio.NewScanner(zr)
	for n := 1; sc.Scan(); n++ {
		kind, text, ok := strings.Cut(sc.Text(), "\t")
		toks := strings.Fields(text)
		pos := slices.Index(toks, data.MaskToken)
		if !ok || kind == "" || pos < 0 || len(toks) > maxSentenceLen {
			return nil, fmt.Errorf("%s line %d: want kind<TAB>sentence with one %s, at most %d words", wordnetName, n, data.MaskToken, maxSentenceLen)
		}
		out = append(out, hiddenNoun{kind: kind, tokens: toks, pos: pos})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", wordnetName, err)
	}
	return out, nil
}

// maxUnknownHidden is how many words outside the corpus's vocabulary a
// WordNet sentence may lose; one that needs more is left out.
const maxUnknownHidden = 2

// minHiddenLen is the fewest tokens, [MASK] included, a WordNet sentence
// keeps: "[MASK] is a dog" says something, "[MASK] is" does not.
const minHiddenLen = 4

// hiddenNouns are n of WordNet's sentences (all when there are fewer),
// drawn by rng, with their noun hidden, labelled
// "[MASK]:kind" (see data.Sentence.Hidden), using only the words of known:
// other words are dropped, and a sentence that would lose more than
// maxUnknownHidden of them is left out, so they add no word to the
// vocabulary. The script that writes the file filters by the default run's
// vocabulary already; this keeps a smaller corpus (data.words,
// data.train_per_sense) consistent too.
func hiddenNouns(known map[string]bool, n int, rng *rand.Rand) ([]data.Sentence, error) {
	lines, err := wordnetLines()
	if err != nil {
		return nil, err
	}
	var out []data.Sentence
	for _, i := range rng.Perm(len(lines)) {
		if len(out) == n {
			break
		}
		l := lines[i]
		toks, pos := make([]string, 0, len(l.tokens)), -1
		for j, t := range l.tokens {
			switch {
			case j == l.pos:
				pos = len(toks)
			case !known[t]:
				continue
			}
			toks = append(toks, t)
		}
		if len(l.tokens)-len(toks) > maxUnknownHidden || len(toks) < minHiddenLen {
			continue
		}
		out = append(out, data.Sentence{Text: strings.Join(toks, " "), Tokens: toks, Word: data.MaskToken, Pos: pos, Sense: l.kind})
	}
	return out, nil
}
