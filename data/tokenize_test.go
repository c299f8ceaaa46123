package data

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"punctuation and digits", "River's bank, 2024!", []string{"river", "s", "bank", "2024"}},
		{"accents kept", "Café au LAIT", []string{"café", "au", "lait"}},
		{"apostrophe splits", "don't", []string{"don", "t"}},
		{"empty", "", nil},
		{"whitespace only", " \t\n  ", nil},
		{"punctuation only", "...!?", nil},
		{"mixed scripts", "Bank банк 銀行 Ωmega", []string{"bank", "банк", "銀行", "ωmega"}},
		{"letters and digits join", "mp3 x86-64", []string{"mp3", "x86", "64"}},
		{"hyphen and underscore separate", "well-known snake_case", []string{"well", "known", "snake", "case"}},
		{"repeated separators", "a,,b  c", []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Tokenize(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
