package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/inspect"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		word  string
		texts []string
	}{
		{"flags first", []string{"--word", "bank", "a bank", "the bank"}, "bank", []string{"a bank", "the bank"}},
		{"interleaved", []string{"a bank", "--word", "bank", "the bank"}, "bank", []string{"a bank", "the bank"}},
		{"report", []string{"--json"}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parse(tt.args, &bytes.Buffer{})
			if err != nil {
				t.Fatal(err)
			}
			if o.word != tt.word || !slices.Equal(o.texts, tt.texts) || o.checkpoint != "checkpoints/bank" {
				t.Errorf("word %q, texts %q, checkpoint %q; want %q, %q, checkpoints/bank", o.word, o.texts, o.checkpoint, tt.word, tt.texts)
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing checkpoint", []string{"--checkpoint", missing}, 1, "looked for " + missing},
		{"layer without explain", []string{"--layer", "2"}, 2, "--layer and --head need --explain"},
		{"sentences without dump", []string{"--sentences", "x.txt"}, 2, "--sentences needs --dump-embeddings"},
		{"json with explain", []string{"--json", "--explain", "the bank", "--word", "bank"}, 2, "--json applies to the report only"},
		{"unknown flag", []string{"--bogus"}, 2, "flag provided but not defined"},
		{"empty explain", []string{"--explain", "", "--word", "bank"}, 2, "--explain is empty"},
		{"empty explain, = form", []string{"--explain=", "--word", "bank"}, 2, "--explain is empty"},
		{"empty dump", []string{"--dump-embeddings", " "}, 2, "--dump-embeddings is empty"},
		{"flag taken as a value", []string{"--checkpoint", "--word", "bank"}, 2, "--checkpoint needs a value before the next flag (got --word)"},
		{"dump from two sources", []string{"--dump-embeddings", "d.jsonl", "--sentences", "x.txt", "--data", "y.tsv"}, 2, "give one of them"},
		{"empty sentence", []string{"--word", "bank", "a bank", ""}, 2, "sentence 2 is empty"},
		{"layer 0", []string{"--explain", "the bank", "--word", "bank", "--layer", "0"}, 2, "--layer 0, --head 1: both count from 1"},
		{"negative head", []string{"--explain", "the bank", "--word", "bank", "--head", "-1"}, 2, "both count from 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr.String(), tt.code, tt.want)
			}
			if tt.code == 1 && !strings.Contains(stderr.String(), missing) {
				t.Errorf("stderr %q does not name %s", stderr.String(), missing)
			}
			if n := strings.Count(stderr.String(), "\n"); n != 1 && tt.name != "unknown flag" {
				t.Errorf("stderr %q has %d lines, want 1", stderr.String(), n)
			}
		})
	}
}

// TestExitCode covers errors that need a checkpoint to happen: inspect
// reports a layer or head the model lacks (--head 9 of 2) as a UsageError,
// which must exit 2 like the flag mistakes above.
func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"success", nil, 0},
		{"help", flag.ErrHelp, 0},
		{"bad flag", errFlags, 2},
		{"head out of range", inspect.Usagef("--head 9: the model has heads 1 to 2"), 2},
		{"wrapped usage error", fmt.Errorf("explain: %w", inspect.Usagef("--layer 3")), 2},
		{"damaged checkpoint", errors.New("load checkpoint x: damaged"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exitCode(tt.err); got != tt.want {
				t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

// TestHelpNamesSentences: -h shows where sentences go, not only the flags.
func TestHelpNamesSentences(t *testing.T) {
	var out bytes.Buffer
	if _, err := parse([]string{"-h"}, &out); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("err = %v, want flag.ErrHelp", err)
	}
	for _, want := range []string{"eval [--word WORD] SENTENCE SENTENCE ...", "--explain SENTENCE", "-checkpoint string"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("-h lacks %q:\n%s", want, out.String())
		}
	}
}
