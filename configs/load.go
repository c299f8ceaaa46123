package configs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Load reads the config file at path and parses it with Parse.
//
// If path does not exist on disk but is the default relative path of a
// shipped config, "configs/<name>" such as "configs/bank.yaml", the embedded
// copy is used instead, so that `--config configs/bank.yaml` works from any
// working directory. A file on disk always wins over the embedded copy.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if b, ok := embeddedFor(path); ok {
			return Parse(b, path)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	c, err := Parse(data, path)
	if err != nil {
		return nil, err
	}
	c.relativeTo(path)
	return c, nil
}

// LoadOver reads the config file at path over base (a resumed run's saved
// config) instead of the built-in default: only the keys the file sets
// change. Its paths are relative to its folder, as with Load.
func LoadOver(path string, base *Config) (*Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if b, ok := embeddedFor(path); ok {
			data, err = b, nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	own := base.clone()
	own.name = ""
	c, err := parse(data, path, &own)
	if err != nil {
		return nil, err
	}
	if _, set := c.src["checkpoint.dir"]; !set {
		c.Checkpoint.Dir = base.Checkpoint.Dir // the run keeps its folder
	}
	c.relativeTo(path)
	return c, nil
}

// pathKeys are the keys whose values are data paths: a config file's are
// relative to the file's folder, as a config that sits beside its data
// expects. checkpoint.dir is not one: a run folder is always relative to the
// working folder, as eval's --checkpoint is, wherever the config sits.
var pathKeys = map[string]func(c *Config) *string{
	"data.train_file":   func(c *Config) *string { return &c.Data.TrainFile },
	"data.heldout_file": func(c *Config) *string { return &c.Data.HeldoutFile },
}

// relativeTo joins the folder of the config file path before every relative
// path the file itself set. The shipped configs (configs/bank.yaml, on disk
// or embedded) and --set values stay relative to the working folder, so the
// shipped configs behave the same from any folder.
func (c *Config) relativeTo(path string) {
	if _, shipped := embeddedFor(path); shipped {
		return
	}
	dir := filepath.Dir(path)
	for key, field := range pathKeys {
		if _, set := c.src[key]; !set {
			continue
		}
		if p := field(c); *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
}

// embeddedFor returns the embedded file that stands in for path, if path is
// exactly "configs/<embedded name>" (after cleaning).
func embeddedFor(path string) ([]byte, bool) {
	name := filepath.Base(path)
	if filepath.ToSlash(filepath.Clean(path)) != "configs/"+name {
		return nil, false
	}
	b, err := files.ReadFile(name)
	return b, err == nil
}

// Parse reads a YAML config; name (usually the file's path) prefixes every
// message. Keys missing from data keep the values of the embedded bank.yaml,
// so a file may hold only what it changes. Parsing is strict: an unknown key
// at any depth, a duplicate key or a value of the wrong type is an error
// naming the key path and line, e.g.
//
//	configs/bank.yaml:12: unknown key "train.stpes"
//	configs/bank.yaml:9: train.steps: want an integer, got "abc"
//
// The result is then checked with Validate.
func Parse(data []byte, name string) (*Config, error) {
	base, err := Default()
	if err != nil {
		return nil, fmt.Errorf("configs: embedded default is broken: %w", err)
	}
	return parse(data, name, base)
}

// parse decodes data over a copy of base (nil: over a zero Config).
func parse(data []byte, name string, base *Config) (*Config, error) {
	root, err := parseNode(data, name)
	if err != nil {
		return nil, err
	}
	c := &Config{}
	if base != nil {
		*c = base.clone()
	}
	// Origins start empty: a key this file leaves out is reported against
	// the file as a whole, not against the embedded default's line, which
	// the user is not editing.
	c.name = name
	c.src = make(map[string]string)
	d := decoder{
		where: func(line int) string { return fmt.Sprintf("%s:%d", name, line) },
		src:   c.src,
	}
	d.decode(root, reflect.ValueOf(c).Elem(), "")
	if err := errors.Join(d.errs...); err != nil {
		return nil, err
	}
	if err := knownFields(data, name); err != nil {
		return nil, err
	}
	if _, set := c.src["checkpoint.dir"]; base != nil && !set {
		// Each config file trains into its own folder unless it names one.
		stem := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
		c.Checkpoint.Dir = filepath.Join("checkpoints", stem)
	}
	c.loadedWarmup, c.hasLoaded = c.Train.Warmup, true
	c.FitWarmup() // an inherited warmup fits a file's short steps; cmd/train prints the notice
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// parseNode returns the single document's content node.
func parseNode(data []byte, name string) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty config", name)
		}
		return nil, syntaxError(name, data, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 ||
		(doc.Content[0].Kind == yaml.ScalarNode && doc.Content[0].ShortTag() == "!!null") {
		return nil, fmt.Errorf("%s: empty config", name)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, syntaxError(name, data, err)
	default:
		return nil, fmt.Errorf("%s:%d: a config holds one YAML document; remove the second (---)", name, next.Line)
	}
	return doc.Content[0], nil
}

// knownFields decodes data once more with yaml's own strict decoder. The
// walk in decoder is stricter, so this only fails if the two drift apart
// (say a field whose tag the walk misreads); it is a cheap backstop.
func knownFields(data []byte, name string) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var probe Config
	if err := dec.Decode(&probe); err != nil {
		return syntaxError(name, data, err)
	}
	return nil
}

// syntaxError rewrites yaml's "yaml: line 3: msg" as "name:3: msg". For an
// indentation mistake yaml names the line where the enclosing block began,
// so the line is the first one whose indentation fits no open block.
func syntaxError(name string, data []byte, err error) error {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "yaml: line "); ok {
		if num, text, ok := strings.Cut(rest, ": "); ok {
			if _, convErr := strconv.Atoi(num); convErr == nil {
				if line := badIndent(data); line > 0 && indentMessage(text) {
					num = strconv.Itoa(line)
				}
				if line := tabIndent(data); line > 0 && strings.Contains(text, "cannot start any token") {
					if at, _ := strconv.Atoi(num); line >= at { // yaml stops at or before the tab it cannot read
						num, text = strconv.Itoa(line), text+" (a tab in the indentation: YAML indents with spaces)"
					}
				}
				return fmt.Errorf("%s:%s: %s", name, num, text)
			}
		}
	}
	return fmt.Errorf("%s: %w", name, err)
}

// tabIndent is the 1-based number of the first line with text indented
// by a tab, or 0 (a line of blanks alone is no indentation).
func tabIndent(data []byte) int {
	for i, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) != "" && strings.HasPrefix(strings.TrimLeft(line, " "), "\t") {
			return i + 1
		}
	}
	return 0
}

// indentMessage reports whether a yaml message is one an indentation
// mistake causes.
func indentMessage(text string) bool {
	for _, m := range []string{"did not find expected", "violates indentation", "mapping values are not allowed"} {
		if strings.Contains(text, m) {
			return true
		}
	}
	return false
}

// badIndent is the 1-based number of the first line whose indentation
// matches no enclosing block (or holds a tab), or 0 when every line fits.
func badIndent(data []byte) int {
	open := []int{0} // indentation of the blocks enclosing the current line
	opens := false   // the previous line ends with ":" and so opens a block
	item := -1       // the indentation of a list item's further keys ("- a: 1" then "  b: 2")
	for i, line := range strings.Split(string(data), "\n") {
		body := strings.TrimLeft(line, " \t")
		if body == "" || strings.HasPrefix(body, "#") {
			continue
		}
		lead := line[:len(line)-len(body)]
		if strings.Contains(lead, "\t") {
			return i + 1
		}
		ind, top := len(lead), open[len(open)-1]
		switch {
		case ind > top && (opens || ind == item):
			open = append(open, ind)
		case ind > top:
			return i + 1
		}
		for ind < open[len(open)-1] {
			open = open[:len(open)-1]
		}
		if ind != open[len(open)-1] {
			return i + 1
		}
		code, _, _ := strings.Cut(body, " #")
		opens, item = strings.HasSuffix(strings.TrimSpace(code), ":"), -1
		if strings.HasPrefix(body, "- ") {
			item = ind + 2
		}
	}
	return 0
}

// clone is a deep copy: slices and the origin map are not shared.
func (c Config) clone() Config {
	c.Data.Words = slices.Clone(c.Data.Words)
	c.src = maps.Clone(c.src)
	return c
}
