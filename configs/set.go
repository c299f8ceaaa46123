package configs

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// Set applies one command-line override such as "train.steps=200". The key
// path must exist. The value is read as YAML, so it is type-checked like a
// file value and lists and mappings work: "data.words=[bank,bat]",
// "model={d_model: 32, heads: 4}". An empty value is the empty string.
//
// Set does not validate, because one override may only make sense with the
// next (d_model and heads); call Validate after the last one. Messages for
// keys set here say `set "key=value"` instead of a file line. On error the
// config is unchanged.
func (c *Config) Set(assignment string) error {
	key, value, ok := strings.Cut(assignment, "=")
	key = strings.TrimSpace(key)
	if !ok || key == "" {
		return fmt.Errorf("set %q: want key=value, e.g. train.steps=200", assignment)
	}
	field, err := c.lookup(key)
	if err != nil {
		return fmt.Errorf("set %q: %w", assignment, err)
	}
	node, err := valueNode(value)
	if err != nil {
		return fmt.Errorf("set %q: %s: %w", assignment, key, err)
	}
	origin := fmt.Sprintf("set %q", assignment)
	d := decoder{
		where: func(int) string { return origin },
		src:   make(map[string]string),
	}
	// Decode into a copy so a half-applied mapping never leaks into c.
	tmp := reflect.New(field.Type()).Elem()
	tmp.Set(field)
	d.decode(node, tmp, key)
	if err := errors.Join(d.errs...); err != nil {
		return err
	}
	field.Set(tmp)
	if c.src == nil {
		c.src = make(map[string]string)
	}
	maps.Copy(c.src, d.src)
	c.src[key] = origin
	return nil
}

// lookup returns the settable field at a dotted key path.
func (c *Config) lookup(key string) (reflect.Value, error) {
	v := reflect.ValueOf(c).Elem()
	path := ""
	for _, part := range strings.Split(key, ".") {
		if v.Kind() != reflect.Struct {
			return reflect.Value{}, fmt.Errorf("unknown key %q (%s is a single value)", key, path)
		}
		f, ok := fieldByKey(v.Type(), part)
		if !ok {
			return reflect.Value{}, fmt.Errorf("unknown key %q (%s has: %s)", key, orTop(path), strings.Join(keysOf(v.Type()), ", "))
		}
		v = v.FieldByIndex(f.Index)
		path = join(path, part)
	}
	return v, nil
}

// valueNode parses the right-hand side of an assignment as one YAML value.
func valueNode(value string) (*yaml.Node, error) {
	if strings.TrimSpace(value) == "" {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: ""}, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(value), &doc); err != nil {
		return nil, fmt.Errorf("not a YAML value: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, fmt.Errorf("not a single YAML value: %q", value)
	}
	return doc.Content[0], nil
}

// FitWarmup fits a warmup the user did not choose for these steps to them:
// the loaded value when it fits, else a tenth of the steps, with a one-line
// notice ("" when nothing changed). That is the default's warmup, inherited
// by a config file, whatever sets the steps (the file or --set), and a
// file's warmup when --set changes the file's steps. A warmup set with
// --set, or in the same file of the user's as the steps, is explicit and
// left for Validate to refuse.
func (c *Config) FitWarmup() string {
	t := &c.Train
	if !c.hasLoaded || c.explicitWarmup() || t.Steps < 1 {
		return ""
	}
	if t.Warmup = c.loadedWarmup; t.Warmup <= t.Steps {
		return ""
	}
	t.Warmup = t.Steps / 10
	return fmt.Sprintf("train.warmup %d is longer than train.steps %d: using train.warmup=%d instead (choose with --set train.warmup=N)", c.loadedWarmup, t.Steps, t.Warmup)
}

// explicitWarmup reports whether the user chose the warmup for the steps
// the config has: with --set, or in a config file of their own (not a
// shipped one, whose values are the defaults) that sets the steps too.
func (c *Config) explicitWarmup() bool {
	origin, ok := c.src["train.warmup"]
	if !ok {
		return false
	}
	if strings.HasPrefix(origin, "set ") {
		return true
	}
	if _, shipped := embeddedFor(c.name); shipped {
		return false
	}
	steps, ok := c.src["train.steps"]
	return ok && !strings.HasPrefix(steps, "set ")
}

// Keys lists every settable key path ("train.steps"), in file order.
func Keys() []string {
	var out []string
	var walk func(t reflect.Type, path string)
	walk = func(t reflect.Type, path string) {
		for _, f := range reflect.VisibleFields(t) {
			name := tagName(f)
			if !f.IsExported() || name == "" {
				continue
			}
			if f.Type.Kind() == reflect.Struct {
				walk(f.Type, join(path, name))
				continue
			}
			out = append(out, join(path, name))
		}
	}
	walk(reflect.TypeOf(Config{}), "")
	return out
}
