// Command eval shows what a trained checkpoint does with an ambiguous word:
// a static embedding gives "bank" one vector in every sentence, while
// self-attention gives it a vector that depends on the context.
//
//	go run ./cmd/eval [--checkpoint PATH] [--data heldout|FILE.tsv] [--word WORD]
//	    [--json] [--plots DIR]                                  the report
//	go run ./cmd/eval --word bank SENTENCE SENTENCE ...         the quick look
//	go run ./cmd/eval --explain SENTENCE --word bank [--layer L] [--head H]
//	go run ./cmd/eval --dump-embeddings FILE.jsonl [--sentences FILE]
//
// The logic lives in package inspect; this file parses flags and picks the view.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/attendlab/attend/inspect"
)

// options are the parsed command line.
type options struct {
	checkpoint, data, word, plots, sentences, dump, explain string
	json                                                    bool
	layer, head                                             int
	set                                                     map[string]bool // flags given explicitly
	texts                                                   []string        // positional sentences
}

// usageError is a mistake in the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usage(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// errFlags is a flag the flag package refused; it has printed why and the usage.
var errFlags = errors.New("bad flag")

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	o, err := parse(args, stderr)
	if err == nil {
		err = dispatch(o, stdout, stderr)
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errFlags):
		return 2
	case errors.As(err, new(usageError)):
		fmt.Fprintln(stderr, "eval:", err)
		return 2
	}
	fmt.Fprintln(stderr, "eval:", err)
	return 1
}

// parse reads flags and sentences in any order: flag stops at the first
// sentence, so parsing resumes after each one.
func parse(args []string, stderr io.Writer) (*options, error) {
	o := &options{set: map[string]bool{}}
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.checkpoint, "checkpoint", "checkpoints/bank", "run folder (its latest checkpoint), step-NNNNNN folder or .safetensors file")
	fs.StringVar(&o.data, "data", inspect.HeldOut, `sentences to evaluate: "heldout" (the checkpoint's held-out split) or a word<TAB>sense<TAB>sentence .tsv file`)
	fs.StringVar(&o.word, "word", "", "the ambiguous word: the only one reported, the one compared or explained")
	fs.BoolVar(&o.json, "json", false, "print the report as one JSON object")
	fs.StringVar(&o.plots, "plots", "", "write PNG figures into this folder")
	fs.StringVar(&o.sentences, "sentences", "", "with --dump-embeddings: a file with one sentence per line (default: the --data sentences)")
	fs.StringVar(&o.dump, "dump-embeddings", "", "write every token's vector at every layer to this .jsonl file")
	fs.StringVar(&o.explain, "explain", "", "walk through self-attention for --word in this sentence")
	fs.IntVar(&o.layer, "layer", 1, "with --explain: the layer, 1-based")
	fs.IntVar(&o.head, "head", 1, "with --explain: the head, 1-based")
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errFlags
		}
		if fs.NArg() == 0 {
			break
		}
		o.texts = append(o.texts, fs.Arg(0))
		args = fs.Args()[1:]
	}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	return o, check(o)
}

// check refuses combinations that would silently ignore a flag.
func check(o *options) error {
	switch {
	case (o.set["layer"] || o.set["head"]) && o.explain == "":
		return usage("--layer and --head need --explain")
	case o.set["sentences"] && o.dump == "":
		return usage("--sentences needs --dump-embeddings")
	case o.explain != "" && (len(o.texts) > 0 || o.dump != ""):
		return usage("--explain takes one sentence; do not add positional sentences or --dump-embeddings")
	case (o.explain != "" || len(o.texts) > 0) && o.word == "":
		return usage("say which word to follow with --word")
	case o.json && (o.explain != "" || o.dump != "" || len(o.texts) > 0):
		return usage("--json applies to the report only (no sentences, --explain or --dump-embeddings)")
	}
	return nil
}
