package data

import (
	"fmt"
	"os"
	"strings"
	"unicode/utf8"
)

// LoadText reads plain text with one sentence per line. Blank lines are
// skipped; the sentences are unlabelled (Pos -1), for masked-language-model
// training or for inspecting contextual vectors of arbitrary text.
func LoadText(path string) ([]Sentence, error) { return LoadTextChecked(path, nil, nil) }

// LoadTextChecked is LoadText that splits the words into tok's tokens (nil:
// words) and then passes every sentence to check (when not nil); an error it
// returns is reported with the file and line.
func LoadTextChecked(path string, tok *Tokenizer, check func(Sentence) error) ([]Sentence, error) {
	var out []Sentence
	err := eachLine(path, func(n int, line string) error {
		toks := Tokenize(line)
		if len(toks) == 0 {
			return fmt.Errorf("load %s line %d: sentence has no words", path, n)
		}
		return add(&out, tok.Sentence(Sentence{Text: strings.TrimSpace(line), Tokens: toks, Pos: -1}), check, path, n)
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("load %s: no sentences", path)
	}
	return out, nil
}

// LoadTSV reads "word<TAB>sense<TAB>sentence" lines. A line with an empty
// word and sense ("<TAB><TAB>sentence") is unlabelled: it feeds masked-LM
// training only, so one file can carry plain text and sense labels. A fourth
// field, a word without a sense or a sense without a word is an error: each
// is a mistake more often than a choice, and reading on would change what
// the file trains. The word of a labelled line is tokenised like
// the sentence and must be a single token; the target is the first
// occurrence of one of its Forms in the sentence ("crane" finds "cranes"). Blank lines are skipped.
func LoadTSV(path string) ([]Sentence, error) { return LoadTSVChecked(path, nil, nil) }

// LoadTSVChecked is LoadTSV that splits the words into tok's tokens (nil:
// words; the target becomes its word's first piece) and then passes every
// sentence to check (when not nil); an error it returns is reported with the
// file and line.
func LoadTSVChecked(path string, tok *Tokenizer, check func(Sentence) error) ([]Sentence, error) {
	var out []Sentence
	err := eachLine(path, func(n int, line string) error {
		s, err := parseTSVLine(line)
		if err != nil {
			return fmt.Errorf("load %s line %d: %w", path, n, err)
		}
		return add(&out, tok.Sentence(s), check, path, n)
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("load %s: no sentences", path)
	}
	return out, nil
}

// parseTSVLine reads one line of a .tsv file.
func parseTSVLine(line string) (Sentence, error) {
	fields := strings.Split(line, "\t")
	if len(fields) != 3 {
		return Sentence{}, fmt.Errorf("%d fields, want 3: word<TAB>sense<TAB>sentence, no tab inside the sentence (or <TAB><TAB>sentence for an unlabelled one)", len(fields))
	}
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	if strings.EqualFold(fields[0], "word") && strings.EqualFold(fields[1], "sense") {
		return Sentence{}, fmt.Errorf("a header line (%q, %q, …): the file has no header; delete the line", fields[0], fields[1])
	}
	if fields[2] == "" {
		return Sentence{}, fmt.Errorf("empty sentence field")
	}
	toks := Tokenize(fields[2])
	if len(toks) == 0 {
		return Sentence{}, fmt.Errorf("sentence has no words")
	}
	if fields[1] == "" {
		if fields[0] != "" {
			return Sentence{}, fmt.Errorf("word %q has an empty sense field: give its sense, or leave the word empty too for an unlabelled line (<TAB><TAB>sentence)", fields[0])
		}
		return Sentence{Text: fields[2], Tokens: toks, Pos: -1}, nil // unlabelled: masked-LM text
	}
	if fields[0] == "" {
		return Sentence{}, fmt.Errorf("empty word field (sense %q needs the word it labels)", fields[1])
	}
	word := Tokenize(fields[0])
	if len(word) != 1 {
		return Sentence{}, fmt.Errorf("word %q must be a single token, got %d", fields[0], len(word))
	}
	pos := FindTarget(toks, word[0])
	if pos < 0 {
		return Sentence{}, fmt.Errorf("word %q does not occur in the sentence (nor its plural %q)", word[0], Forms(word[0])[1])
	}
	return Sentence{Text: fields[2], Tokens: toks, Word: word[0], Pos: pos, Sense: fields[1]}, nil
}

// add appends s to out once check, if any, accepts it.
func add(out *[]Sentence, s Sentence, check func(Sentence) error, path string, n int) error {
	if check != nil {
		if err := check(s); err != nil {
			return fmt.Errorf("load %s line %d: %w", path, n, err)
		}
	}
	*out = append(*out, s)
	return nil
}

// eachLine calls fn with the 1-based number and text (without a trailing
// carriage return) of every non-blank line of path, after checking that the line is valid UTF-8 (the
// tokenizer would otherwise turn bad bytes into silent separators).
func eachLine(path string, fn func(n int, line string) error) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("load %s: %w", path, err)
	}
	for i, line := range strings.Split(string(b), "\n") {
		n := i + 1
		if !utf8.ValidString(line) {
			return fmt.Errorf("load %s line %d: invalid UTF-8", path, n)
		}
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return nil
}
