package docs

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct{ heading, want string }{
		{"Your own text", "your-own-text"},
		{" Fine-tune on your own word", "fine-tune-on-your-own-word"},
		{"2026-12-05 — the default over three seeds (issue 19)", "2026-12-05--the-default-over-three-seeds-issue-19"},
		{"Where each idea lives", "where-each-idea-lives"},
		{"data_dir: a key", "data_dir-a-key"},
	}
	for _, tt := range tests {
		if got := slug(tt.heading); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.heading, got, tt.want)
		}
	}
}

func TestLinksAndAnchors(t *testing.T) {
	text := "# Title\n\nSee [a](b.md) and [c](https://x.org/y) `[not](a link)`.\n```\n[in](code.md)\n```\n## Title\n![pic](p.png \"t\")\n"
	var targets []string
	for _, l := range links("f.md", text) {
		targets = append(targets, l.target)
	}
	if want := []string{"b.md", "https://x.org/y", "p.png"}; !slices.Equal(targets, want) {
		t.Errorf("links = %q, want %q", targets, want)
	}
	a := anchors(text)
	if !a["title"] || !a["title-1"] || len(a) != 2 {
		t.Errorf("anchors = %v, want title and title-1", a)
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "a.md")
	if err := os.WriteFile(md, []byte("# A\n## Some part\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		target string
		bad    bool
	}{
		{"a.md", false},
		{"a.md#some-part", false},
		{"#a", false},
		{"a.md#nope", true},
		{"missing.md", true},
		{"https://example.org/missing.md", false},
	}
	for _, tt := range tests {
		msg := check(link{md, 1, tt.target})
		if (msg != "") != tt.bad {
			t.Errorf("check(%s) = %q, want bad=%v", tt.target, msg, tt.bad)
		}
	}
}
