package data

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode/utf8"
)

// LoadText reads plain text with one sentence per line. Blank lines are
// skipped; the sentences are unlabelled (Pos -1), for masked-language-model
// training or for inspecting contextual vectors of arbitrary text.
func LoadText(path string) ([]Sentence, error) { return LoadTextChecked(path, nil) }

// LoadTextChecked is LoadText that also passes every sentence to check (when
// not nil); an error it returns is reported with the file and line.
func LoadTextChecked(path string, check func(Sentence) error) ([]Sentence, error) {
	var out []Sentence
	err := eachLine(path, func(n int, line string) error {
		toks := Tokenize(line)
		if len(toks) == 0 {
			return fmt.Errorf("load %s line %d: sentence has no words", path, n)
		}
		return add(&out, Sentence{Text: strings.TrimSpace(line), Tokens: toks, Pos: -1}, check, path, n)
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("load %s: no sentences", path)
	}
	return out, nil
}

// LoadTSV reads labelled sentences as "word<TAB>sense<TAB>sentence" lines
// (the sentence itself may contain further tabs). The word is tokenised like
// the sentence and must be a single token; the target is its first
// occurrence in the sentence. Blank lines are skipped.
func LoadTSV(path string) ([]Sentence, error) { return LoadTSVChecked(path, nil) }

// LoadTSVChecked is LoadTSV that also passes every sentence to check (when
// not nil); an error it returns is reported with the file and line.
func LoadTSVChecked(path string, check func(Sentence) error) ([]Sentence, error) {
	var out []Sentence
	err := eachLine(path, func(n int, line string) error {
		fields := strings.SplitN(line, "\t", 3)
		if len(fields) < 3 {
			return fmt.Errorf("load %s line %d: %d fields, want word<TAB>sense<TAB>sentence", path, n, len(fields))
		}
		names := [3]string{"word", "sense", "sentence"}
		for i, f := range fields {
			fields[i] = strings.TrimSpace(f)
			if fields[i] == "" {
				return fmt.Errorf("load %s line %d: empty %s field", path, n, names[i])
			}
		}
		word := Tokenize(fields[0])
		if len(word) != 1 {
			return fmt.Errorf("load %s line %d: word %q must be a single token, got %d", path, n, fields[0], len(word))
		}
		toks := Tokenize(fields[2])
		if len(toks) == 0 {
			return fmt.Errorf("load %s line %d: sentence has no words", path, n)
		}
		pos := slices.Index(toks, word[0])
		if pos < 0 {
			return fmt.Errorf("load %s line %d: word %q does not occur in the sentence", path, n, word[0])
		}
		return add(&out, Sentence{Text: fields[2], Tokens: toks, Word: word[0], Pos: pos, Sense: fields[1]}, check, path, n)
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("load %s: no sentences", path)
	}
	return out, nil
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
