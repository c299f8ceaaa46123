package inspect

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/modelfile"
	"github.com/attendlab/attend/runfolder"
)

// Checkpoint is a trained model opened for inspection.
type Checkpoint struct {
	Path   string // as the user named it (run folder, step folder or .safetensors file)
	Loaded *runfolder.Loaded
	Vocab  *data.Vocab // the checkpoint's vocabulary, so token ids match the model
	// Tokenizer splits words into Vocab's WordPiece pieces; nil when the
	// model reads words (data.tokenizer word).
	Tokenizer *data.Tokenizer
	pool      *modelPool
	cents     *centroidCache
}

// Open reads a checkpoint as runfolder.Open does. Every failure, a missing
// file as much as a damaged one, is one line that names path once.
func Open(path string) (*Checkpoint, error) {
	l, err := runfolder.Open(path)
	if err != nil {
		return nil, loadError(path, err)
	}
	v, err := data.NewVocab(l.File.Vocab)
	if err != nil {
		return nil, loadError(path, err)
	}
	c := &Checkpoint{Path: path, Loaded: l, Vocab: v, pool: &modelPool{}, cents: &centroidCache{}}
	if l.Config.Data.UsesWordPiece() {
		c.Tokenizer = data.NewWordPiece(v)
	}
	return c, nil
}

// MaxLen is the longest sentence, in tokens, the model accepts.
func (c *Checkpoint) MaxLen() int { return c.Loaded.File.Model.MaxLen }

// Config is the model's shape.
func (c *Checkpoint) Config() model.Config { return c.Loaded.File.Config() }

// untrained builds a model of the same shape with the initial weights the
// run started from (its seed and embedding std): the baseline that shows
// what training, rather than the architecture alone, contributes.
func (c *Checkpoint) untrained(batch, seqLen int) (*model.Model, error) {
	o := modelfile.Init(c.Loaded.Config.Train)
	o.Observe = true
	m, err := model.New(c.Config(), batch, seqLen, o)
	if err != nil {
		return nil, fmt.Errorf("untrained model: %w", err)
	}
	return m, nil
}

// longest is the number of tokens of the longest sentence (at least 1).
func longest(sents []data.Sentence) int {
	n := 1
	for _, s := range sents {
		n = max(n, len(s.Tokens))
	}
	return n
}

// target turns a sentence typed by the user into a data.Sentence whose
// target is the first occurrence of word or its plural (data.Forms); with
// WordPiece, the target is that word's first piece. The errors name the
// sentence: one without the word, a form the vocabulary
// lacks (the model would only see [UNK]) and a sentence longer than the
// model's max_len.
func (c *Checkpoint) target(text, word string) (data.Sentence, error) {
	s, err := c.words(text)
	if err != nil {
		return s, err
	}
	w, err := c.word(word)
	if err != nil {
		return s, err
	}
	pos := data.FindTarget(s.Tokens, w)
	if pos < 0 {
		return s, &UsageError{&lacksWord{fmt.Sprintf("sentence %q does not contain %q (tokens: %s)", data.Shorten(text), w, strings.Join(s.Tokens, " "))}}
	}
	if form := s.Tokens[pos]; !c.knows(form) {
		return s, &UsageError{&lacksWord{fmt.Sprintf("sentence %q: %q is not in the model's vocabulary: the model would only see %s", data.Shorten(text), form, data.UnkToken)}}
	}
	s.Word, s.Pos = w, pos
	return c.split(s)
}

// lacksWord is target's error for a sentence without the word as the model
// knows it: the quick look skips such a sentence rather than failing.
type lacksWord struct{ msg string }

func (e *lacksWord) Error() string { return e.msg }

// LacksWord reports whether err says that a sentence does not contain the
// word asked for (the case a caller may skip), not that it cannot be read.
func LacksWord(err error) bool {
	var l *lacksWord
	return errors.As(err, &l)
}

// sentence tokenises text and checks that it fits the model.
func (c *Checkpoint) sentence(text string) (data.Sentence, error) {
	s, err := c.words(text)
	if err != nil {
		return s, err
	}
	return c.split(s)
}

// words is text as words (data.Tokenize), before any WordPiece split.
func (c *Checkpoint) words(text string) (data.Sentence, error) {
	s := data.Sentence{Text: text, Tokens: data.Tokenize(text), Pos: -1}
	if len(s.Tokens) == 0 {
		return s, Usagef("sentence %q has no words", data.Shorten(text))
	}
	return s, nil
}

// split turns a sentence of words into the model's tokens and checks that it
// fits the model.
func (c *Checkpoint) split(s data.Sentence) (data.Sentence, error) {
	s = c.Tokenizer.Sentence(s)
	if err := c.fit(s); err != nil {
		return s, &UsageError{err}
	}
	return s, nil
}

// word normalises a word given on the command line to its singular
// ("mice" to "mouse", "banks" to "bank" when the model has senses for bank) and checks that the model knows
// it in one of its forms.
func (c *Checkpoint) word(word string) (string, error) {
	toks := data.Tokenize(word)
	if len(toks) != 1 {
		return "", Usagef("--word %q must be a single word", word)
	}
	forms := c.forms(toks[0])
	if !slices.ContainsFunc(forms, c.knows) {
		return "", Usagef("word %q is not in the model's vocabulary: the model would only see %s", toks[0], data.UnkToken)
	}
	return forms[0], nil
}

// knows reports whether the model reads word as itself or its pieces, not
// as [UNK].
func (c *Checkpoint) knows(word string) bool {
	return !slices.ContainsFunc(c.Tokenizer.Pieces(word), func(p string) bool { return !c.Vocab.Has(p) })
}

// firstID is the id of word's token, or of its first piece: the static
// vector that stands for the word.
func (c *Checkpoint) firstID(word string) int { return c.Vocab.ID(c.Tokenizer.Pieces(word)[0]) }

// unknownIn returns the tokens of s that the vocabulary lacks, in order
// and as often as they occur: the model reads each of them as [UNK].
func (c *Checkpoint) unknownIn(s data.Sentence) []string {
	var out []string
	for _, t := range s.Tokens {
		if !c.Vocab.Has(t) {
			out = append(out, t)
		}
	}
	return out
}

// unknownNote is the note line for the unknown words of one sentence, ""
// for none.
func unknownNote(words []string) string {
	if len(words) == 0 {
		return ""
	}
	return fmt.Sprintf("note: not in the vocabulary (read as %s): %s", data.UnkToken, strings.Join(words, ", "))
}

// marked writes s's tokens with each unknown one as [UNK:word], so a
// listing shows what the model could not read and where.
func (c *Checkpoint) marked(s data.Sentence) string { return strings.Join(c.Display(s), " ") }

// Display returns s's tokens as a listing shows them: each one the
// vocabulary lacks as [UNK:word], the others as they are.
func (c *Checkpoint) Display(s data.Sentence) []string {
	toks := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		toks[i] = t
		if !c.Vocab.Has(t) {
			toks[i] = data.UnkToken[:len(data.UnkToken)-1] + ":" + t + "]"
		}
	}
	return toks
}
