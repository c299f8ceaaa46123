// Command train trains attend's encoder as a YAML config describes.
//
//	go run ./cmd/train --config configs/bank.yaml [--out DIR] [--resume]
//	    [--init-from FILE.safetensors] [--set key.path=value ...]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/runfolder"
	"github.com/attendlab/attend/train"
	"golang.org/x/term"
)

type setFlags []string

func (s *setFlags) String() string     { return strings.Join(*s, " ") }
func (s *setFlags) Set(v string) error { *s = append(*s, v); return nil }

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	cfgPath := fs.String("config", "configs/bank.yaml", "YAML config (the built-in configs/bank.yaml and configs/bank_mlm.yaml work from any folder)")
	out := fs.String("out", "", "run folder (default: the config's checkpoint.dir)")
	resume := fs.Bool("resume", false, "continue from the run folder's latest checkpoint")
	initFrom := fs.String("init-from", "", "start from the weights of a .safetensors file with the same layout")
	var sets setFlags
	fs.Var(&sets, "set", "override a config key, e.g. --set train.steps=200 (repeatable)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "train: unexpected argument %q (flags only; see -h)\n", fs.Arg(0))
		return 2
	}
	c, err := configs.Load(*cfgPath)
	if err == nil {
		for _, s := range sets {
			if err = c.Set(s); err != nil {
				break
			}
		}
	}
	if err == nil {
		err = c.Validate()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // the first signal asks for a clean stop; a second one kills at once
	}()
	t, err := train.New(c, train.Options{Out: *out, Resume: *resume, InitFrom: *initFrom, Log: os.Stderr,
		Progress: term.IsTerminal(int(os.Stderr.Fd()))})
	if err != nil { // the config, data or run folder do not allow the run
		fmt.Fprintln(os.Stderr, "train:", err)
		return 2
	}
	err = t.Run(ctx)
	if errors.Is(err, train.ErrInterrupted) {
		fmt.Fprintf(os.Stderr, "interrupted at step %d; resume with:\n  go run ./cmd/train %s --resume\n", t.Step, resumeArgs(args))
		return 130
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		if folder, lerr := checkpoint.Latest(t.Opts.Out); lerr == nil && !errors.As(err, new(*runfolder.Busy)) {
			fmt.Fprintf(os.Stderr, "%s is intact; once the cause is fixed, resume with:\n  go run ./cmd/train %s --resume\n", folder, resumeArgs(args))
		}
		return 1
	}
	return 0
}

// resumeArgs repeats the invocation's flags, shell-quoted, without --resume
// (the caller adds it) and without --init-from, which --resume excludes: the
// printed command works as printed.
func resumeArgs(args []string) string {
	var keep []string
	for i := 0; i < len(args); i++ {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		switch {
		case !strings.HasPrefix(args[i], "-"):
		case name == "resume":
			continue
		case name == "init-from":
			if !hasValue {
				i++ // the next argument is its value
			}
			continue
		}
		keep = append(keep, shellQuote(args[i]))
	}
	return strings.Join(keep, " ")
}

// shellQuote quotes an argument for a POSIX shell when it needs it.
func shellQuote(a string) string {
	if a != "" && strings.Trim(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:+,@") == "" {
		return a
	}
	return "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
}
