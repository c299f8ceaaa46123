package configs

import (
	"strings"
	"testing"
)

// bankText is the embedded bank.yaml that the tests edit one line at a time.
func bankText(t *testing.T) string {
	t.Helper()
	b, err := Embedded("bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// lineOf returns the 1-based line of a key path ("train.seed", "objective")
// in text: the first "  name:" line after the "section:" line.
func lineOf(t *testing.T, text, key string) int {
	t.Helper()
	section, name, nested := strings.Cut(key, ".")
	if !nested {
		name, section = section, ""
	}
	inSection := section == ""
	for i, line := range strings.Split(text, "\n") {
		switch {
		case !inSection && strings.HasPrefix(line, section+":"):
			inSection = true
		case inSection && section == "" && strings.HasPrefix(line, name+":"):
			return i + 1
		case inSection && section != "" && strings.HasPrefix(line, "  "+name+":"):
			return i + 1
		}
	}
	t.Fatalf("key %s not found in the test YAML", key)
	return 0
}

// replaceLine swaps the whole line of key for newLine.
func replaceLine(t *testing.T, text, key, newLine string) (string, int) {
	t.Helper()
	n := lineOf(t, text, key)
	lines := strings.Split(text, "\n")
	lines[n-1] = newLine
	return strings.Join(lines, "\n"), n
}

// edit sets key to value (YAML text) and returns the new text and the line.
func edit(t *testing.T, text, key, value string) (string, int) {
	t.Helper()
	indent, name := "  ", key
	if _, after, ok := strings.Cut(key, "."); ok {
		name = after
	} else {
		indent = ""
	}
	return replaceLine(t, text, key, indent+name+": "+value)
}

// errorContains fails unless err is non-nil and holds every part.
func errorContains(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one containing %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not contain %q", err, p)
		}
	}
}
