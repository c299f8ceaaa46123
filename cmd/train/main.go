// Command train trains attend's encoder as a YAML config describes.
//
//	go run ./cmd/train --config configs/bank.yaml [--out DIR] [--resume]
//	    [--init-from RUN|STEP|FILE.safetensors] [--set key.path=value ...]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/internal/flagvalue"
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
	cfgPath := fs.String("config", "configs/bank.yaml", "YAML config (the built-in configs/bank.yaml, bank_wordnet.yaml and bank_mlm.yaml work from any folder); with --resume, its keys override the run's saved config")
	out := fs.String("out", "", "run folder (default: the config's checkpoint.dir)")
	resume := fs.Bool("resume", false, "continue from the run folder's latest checkpoint, with the config saved there")
	initFrom := fs.String("init-from", "", "start from the weights of a run folder, step-NNNNNN folder or .safetensors file with the same layout")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file, for go tool pprof (a second Ctrl-C, which exits at once, leaves it incomplete)")
	var sets setFlags
	fs.Var(&sets, "set", "override a config key, e.g. --set train.steps=200 (repeatable)")
	if hint := flagHint(args, fs); hint != "" {
		fmt.Fprintf(os.Stderr, "train: %s (train -h lists the flags)\n", hint)
		return 2
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for _, f := range []struct{ name, value string }{{"config", *cfgPath}, {"out", *out}, {"init-from", *initFrom}, {"cpuprofile", *cpuProfile}} {
		if !given[f.name] {
			continue
		}
		if err := flagvalue.Check(f.name, f.value); err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			return 2
		}
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "train: unexpected argument %q (flags only; see -h)\n", fs.Arg(0))
		return 2
	}
	if *resume && given["init-from"] { // before loading the saved config, which says so
		fmt.Fprintln(os.Stderr, "train:", train.ErrResumeInitFrom)
		return 2
	}
	c, dir, err := loadConfig(*cfgPath, given["config"], *out, *resume, sets)
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		return 2
	}
	if *cpuProfile != "" { // from here: the corpus and the model's build count too
		stop, err := startProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			return 2
		}
		defer stop()
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stopSignals := onInterrupt(cancel, dir)
	defer stopSignals()
	t, err := train.New(c, train.Options{Out: dir, Resume: *resume, InitFrom: *initFrom, Log: os.Stderr,
		Progress: term.IsTerminal(int(os.Stderr.Fd()))})
	if err != nil { // the config, data or run folder do not allow the run
		fmt.Fprintln(os.Stderr, "train:", err)
		return 2
	}
	err = t.Run(ctx)
	if errors.Is(err, train.ErrInterrupted) {
		fmt.Fprintf(os.Stderr, "interrupted at step %d; resume with:\n  %s %s --resume\n", t.Step, command(os.Args[0]), resumeArgs(args))
		return 130
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		if folder, lerr := checkpoint.Latest(t.Opts.Out); lerr == nil && !errors.As(err, new(*runfolder.Busy)) {
			fmt.Fprintf(os.Stderr, "%s is intact; once the cause is fixed, resume with:\n  %s %s --resume\n", folder, command(os.Args[0]), resumeArgs(args))
		}
		return 1
	}
	return 0
}

// loadConfig is the config of the run and its folder: the config file (or
// the built-in default) for a new run; for --resume the config saved in the
// run folder, with the keys of an explicit --config over it. The --set
// overrides come last.
func loadConfig(path string, pathGiven bool, out string, resume bool, sets []string) (*configs.Config, string, error) {
	var c *configs.Config
	var err error
	if !resume || out == "" { // the config names the run folder
		if c, err = configs.Load(path); err != nil {
			return nil, "", err
		}
		if out == "" {
			if err := setAll(c, sets); err != nil { // --set checkpoint.dir names the folder too
				return nil, "", err
			}
			out = c.Checkpoint.Dir
		}
	}
	if resume {
		saved, err := runfolder.Latest(out)
		switch {
		case err == nil:
			fmt.Fprintf(os.Stderr, "resume: starting from the config saved in %s\n", saved.Folder)
			c = saved.State.Config
			if pathGiven {
				if c, err = configs.LoadOver(path, c); err != nil {
					return nil, "", err
				}
			}
		case c == nil: // no checkpoint to resume: train.New explains that
			if c, err = configs.Load(path); err != nil {
				return nil, "", err
			}
		}
	}
	if err := setAll(c, sets); err != nil {
		return nil, "", err
	}
	if notice := c.FitWarmup(); notice != "" {
		fmt.Fprintln(os.Stderr, "train:", notice)
	}
	return c, out, c.Validate()
}

// setAll applies the --set overrides in order; applying them twice is harmless.
func setAll(c *configs.Config, sets []string) error {
	for _, s := range sets {
		if err := c.Set(s); err != nil {
			return err
		}
	}
	return nil
}

// onInterrupt makes the first SIGINT or SIGTERM cancel the run (the step in
// flight finishes and is saved) and a second one kill it at once; it returns
// the function that stops listening.
func onInterrupt(cancel func(), dir string) func() {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		if _, ok := <-sig; !ok {
			return
		}
		fmt.Fprintln(os.Stderr, "\ninterrupt: finishing this step and saving a checkpoint (interrupt again to kill at once)")
		cancel()
		if _, ok := <-sig; !ok {
			return
		}
		fmt.Fprintf(os.Stderr, "\nsecond interrupt: killing the run now; the last checkpoint saved in %s is kept (continue with --resume)\n", dir)
		os.Exit(130)
	}()
	return func() { signal.Stop(sig); close(sig) }
}

// command is how this train was started, for the commands it prints: the
// binary as typed ("bin/train"), or "go run ./cmd/train" for the temporary
// binary go run builds.
func command(arg0 string) string {
	if strings.Contains(filepath.ToSlash(arg0), "/go-build") {
		return "go run ./cmd/train"
	}
	return shellQuote(arg0)
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

// startProfile starts a CPU profile written to path; stop ends and closes it.
func startProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile %s: %w", path, err)
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "train: cpu profile:", err)
		}
	}, nil
}
