// Command eval shows what a trained checkpoint does with an ambiguous word:
// a static embedding gives "bank" one vector in every sentence, while
// self-attention gives it a vector that depends on the context.
//
//	go run ./cmd/eval [--checkpoint PATH] [--data heldout|FILE.tsv] [--word WORD]
//	    [--json] [--plots DIR]                                  the report
//	go run ./cmd/eval [--word bank] SENTENCE SENTENCE ...       the quick look
//	go run ./cmd/eval --explain SENTENCE --word bank [--layer L] [--head H]
//	go run ./cmd/eval --dump-embeddings FILE.jsonl [--word W] [--sentences FILE | SENTENCE ...]
//	go run ./cmd/eval --serve [--addr HOST:PORT] [--data FILE.tsv]   the explorer, in a browser
//	go run ./cmd/eval --html FILE.html [--word W] [SENTENCE ...]     the explorer as one file
//
// Exit status: 0 on success, 2 when the command line asks for something
// wrong (a bad flag, or a word, sentence, layer or head that does not fit
// the checkpoint: inspect.UsageError), 1 when the work itself fails (a
// missing or damaged checkpoint, an unreadable data file).
//
// The logic lives in package inspect; this file parses flags and picks the view.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/attendlab/attend/inspect"
	"github.com/attendlab/attend/internal/flagvalue"
)

// options are the parsed command line.
type options struct {
	checkpoint, data, word, plots, sentences, dump, explain, addr, html string
	json, serve                                                         bool
	layer, head                                                         int
	set                                                                 map[string]bool // flags given explicitly
	texts                                                               []string        // positional sentences
}

// usageText heads -h: the forms of the command, SENTENCE arguments included.
const usageText = `Usage of eval:
  eval [--checkpoint PATH] [--data heldout|FILE.tsv] [--word WORD] [--json] [--plots DIR]
      the report: how well each layer separates the senses of the ambiguous words
  eval [--word WORD] SENTENCE SENTENCE ...
      the quick look: SENTENCE is any text in quotes holding the word; the word's vectors
      are compared between every pair of sentences (without --word, eval picks the word)
  eval --explain SENTENCE --word WORD [--layer L] [--head H]
      one attention head's computation for WORD in SENTENCE, step by step
  eval --dump-embeddings FILE.jsonl [--word W] [--sentences FILE | SENTENCE ...]
      every token's vector at every layer, for other tools
  eval --serve [--addr HOST:PORT] [--data FILE.tsv]
      the explorer, in a browser
  eval --html FILE.html [--word W] [SENTENCE ...]
      the explorer as one self-contained file

flags:
`

// usage is a mistake in the command line (exit status 2).
var usage = inspect.Usagef

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
	code := exitCode(err)
	if code != 0 && !errors.Is(err, errFlags) { // the flag package has printed its own
		fmt.Fprintln(stderr, "eval:", err)
	}
	return code
}

// exitCode is 0 for success or -help, 2 for a mistake in the command line
// and 1 for any other failure.
func exitCode(err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errFlags), errors.As(err, new(*inspect.UsageError)):
		return 2
	}
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
	fs.BoolVar(&o.serve, "serve", false, "serve the explorer, a page to poke at the model, until Ctrl-C")
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "with --serve: the address to listen on (port 0 picks a free port)")
	fs.StringVar(&o.html, "html", "", "write the explorer for the SENTENCE arguments (or examples of --word) as one self-contained HTML file")
	fs.IntVar(&o.layer, "layer", 1, "with --explain: the layer, 1-based")
	fs.IntVar(&o.head, "head", 1, "with --explain: the head, 1-based")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usageText)
		fs.PrintDefaults()
	}
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

// check refuses empty values and combinations that would silently ignore
// a flag. Whether a flag was given is o.set, not its value: an empty
// --explain "" is a mistake, not the absence of --explain.
func check(o *options) error {
	for _, f := range []struct{ name, value string }{{"checkpoint", o.checkpoint}, {"data", o.data}, {"word", o.word},
		{"plots", o.plots}, {"sentences", o.sentences}, {"dump-embeddings", o.dump}, {"explain", o.explain},
		{"addr", o.addr}, {"html", o.html}} {
		if !o.set[f.name] {
			continue
		}
		if err := flagvalue.Check(f.name, f.value); err != nil {
			return usage("%v", err)
		}
	}
	for i, text := range o.texts {
		if strings.TrimSpace(text) == "" {
			return usage("sentence %d is empty", i+1)
		}
	}
	explain, dump, page := o.set["explain"], o.set["dump-embeddings"], o.serve || o.set["html"]
	switch {
	case o.set["addr"] && !o.serve:
		return usage("--addr needs --serve")
	case o.serve && o.set["html"]:
		return usage("--serve and --html are two ways to show the explorer: give one")
	case page && (explain || dump || o.json || o.set["plots"]):
		return usage("the explorer (--serve, --html) shows every view itself: do not add --explain, --dump-embeddings, --json or --plots")
	case o.serve && len(o.texts) > 0:
		return usage("--serve takes no sentences: type them on the page, or open a link such as /?word=bank&s=SENTENCE")
	case (o.set["layer"] || o.set["head"]) && !explain:
		return usage("--layer and --head need --explain")
	case o.layer < 1 || o.head < 1:
		return usage("--layer %d, --head %d: both count from 1", o.layer, o.head)
	case o.set["sentences"] && !dump:
		return usage("--sentences needs --dump-embeddings")
	case explain && (len(o.texts) > 0 || dump):
		return usage("--explain takes one sentence; do not add positional sentences or --dump-embeddings")
	case explain && o.word == "":
		return usage("say which word to follow with --word")
	case dump && (len(o.texts) > 0 && (o.set["sentences"] || o.set["data"]) || o.set["sentences"] && o.set["data"]):
		return usage("--dump-embeddings takes its sentences from the command line, --sentences or --data: give one of them")
	case o.json && (explain || dump || len(o.texts) > 0):
		return usage("--json applies to the report only (no sentences, --explain or --dump-embeddings)")
	}
	return nil
}
