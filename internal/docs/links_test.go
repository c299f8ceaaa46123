package docs

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// root is the repository, two folders up from this package.
const root = "../.."

// maxReadmeLines keeps README.md a user's page; detail goes to docs/.
const maxReadmeLines = 350

// link is one markdown link: the file it is in, its line and its target.
type link struct {
	file   string
	line   int
	target string
}

var (
	linkRE = regexp.MustCompile(`\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)
	codeRE = regexp.MustCompile("`[^`]*`")
)

// links lists the links of a markdown text outside fenced code blocks
// and inline code spans.
func links(file, text string) []link {
	var out []link
	fenced := false
	for i, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		line = codeRE.ReplaceAllString(line, "")
		for _, m := range linkRE.FindAllStringSubmatch(line, -1) {
			out = append(out, link{file, i + 1, m[1]})
		}
	}
	return out
}

// slug is the anchor GitHub gives a heading: lower case, spaces to
// hyphens, punctuation other than hyphens and underscores dropped.
func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// anchors lists the heading anchors of a markdown text, with GitHub's
// -1, -2 suffixes for repeated headings.
func anchors(text string) map[string]bool {
	out := map[string]bool{}
	seen := map[string]int{}
	fenced := false
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
		}
		if fenced || !strings.HasPrefix(line, "#") {
			continue
		}
		s := slug(strings.TrimLeft(line, "#"))
		s = strings.NewReplacer("`", "", "*", "").Replace(s)
		if n := seen[s]; n > 0 {
			out[fmt.Sprintf("%s-%d", s, n)] = true
		} else {
			out[s] = true
		}
		seen[s]++
	}
	return out
}

// check returns what is wrong with one link ("" when nothing).
func check(l link) string {
	t := l.target
	if strings.Contains(t, "://") || strings.HasPrefix(t, "mailto:") {
		return ""
	}
	path, frag, _ := strings.Cut(t, "#")
	target := l.file
	if path != "" {
		target = filepath.Join(filepath.Dir(l.file), filepath.FromSlash(path))
	}
	info, err := os.Stat(target)
	if err != nil {
		return fmt.Sprintf("%s does not exist", path)
	}
	if frag == "" || info.IsDir() || !strings.HasSuffix(target, ".md") {
		return ""
	}
	b, err := os.ReadFile(target)
	if err != nil {
		return err.Error()
	}
	if !anchors(string(b))[frag] {
		return fmt.Sprintf("%s has no heading #%s", filepath.Base(target), frag)
	}
	return ""
}

// markdownFiles lists the repository's .md files, skipping hidden folders.
func markdownFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestLinks(t *testing.T) {
	files := markdownFiles(t)
	for _, must := range []string{"README.md", "docs/configuration.md", "docs/experiments.md"} {
		found := false
		for _, f := range files {
			found = found || filepath.ToSlash(f) == root+"/"+must
		}
		if !found {
			t.Errorf("%s not found among %d markdown files", must, len(files))
		}
	}
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range links(f, string(b)) {
			n++
			if msg := check(l); msg != "" {
				rel, _ := filepath.Rel(root, l.file)
				t.Errorf("%s:%d: link %s: %s", rel, l.line, l.target, msg)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d links found: is the link pattern right?", n)
	}
}

func TestReadmeLength(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "\n"); n > maxReadmeLines {
		t.Errorf("README.md has %d lines; at most %d (move detail to docs/)", n, maxReadmeLines)
	}
}
