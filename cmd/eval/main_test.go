package main

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
		{"missing checkpoint", []string{"--checkpoint", missing}, 1, "go run ./cmd/train"},
		{"layer without explain", []string{"--layer", "2"}, 2, "--layer and --head need --explain"},
		{"sentences without dump", []string{"--sentences", "x.txt"}, 2, "--sentences needs --dump-embeddings"},
		{"quick look without word", []string{"a bank", "the bank"}, 2, "--word"},
		{"json with explain", []string{"--json", "--explain", "the bank", "--word", "bank"}, 2, "--json applies to the report only"},
		{"unknown flag", []string{"--bogus"}, 2, "flag provided but not defined"},
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
		})
	}
}
