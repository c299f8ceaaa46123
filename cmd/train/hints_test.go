package main

import (
	"flag"
	"strings"
	"testing"
)

func TestFlagHint(t *testing.T) {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.String("out", "", "")
	fs.Bool("resume", false, "")
	fs.Var(new(setFlags), "set", "")
	tests := []struct {
		args []string
		want string // "" = no hint
	}{
		{[]string{"--steps", "100"}, "--steps is not a flag; for the config key use --set train.steps=100"},
		{[]string{"--steps=100"}, "use --set train.steps=100"},
		{[]string{"--step", "100"}, "--step is not a flag; for the config key use --set train.steps=100"},
		{[]string{"--resume", "--steps", "7"}, "--set train.steps=7"},
		{[]string{"--set", "steps=100"}, "--set steps=100: want one key.path=value argument: --set train.steps=100"},
		{[]string{"--set", "train.steps", "100"}, "--set train.steps: want one key.path=value argument: --set train.steps=100"},
		{[]string{"--set=train.steps", "100"}, "--set train.steps=100"},
		{[]string{"--out", "steps", "--set", "train.steps=100"}, ""},
		{[]string{"--set", "train.steps=100", "--resume"}, ""},
		{[]string{"--frobnicate"}, ""},
		{[]string{"-h"}, ""},
	}
	for _, tt := range tests {
		got := flagHint(tt.args, fs)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("flagHint(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}

func TestCommand(t *testing.T) {
	tests := []struct{ arg0, want string }{
		{"/tmp/go-build123456/b001/exe/train", "go run ./cmd/train"},
		{"bin/train", "bin/train"},
		{"train", "train"},
		{"/opt/my tools/train", "'/opt/my tools/train'"},
	}
	for _, tt := range tests {
		if got := command(tt.arg0); got != tt.want {
			t.Errorf("command(%q) = %q, want %q", tt.arg0, got, tt.want)
		}
	}
}
