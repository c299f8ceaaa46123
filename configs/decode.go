package configs

import (
	"fmt"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// decoder copies a yaml.Node tree into a Go value, checking every key and
// type against the yaml struct tags. It exists (rather than yaml's own
// Decode) so that every message can name the full key path and the line,
// and so that types are strict: yaml.v3 would happily turn `activation: 5`
// into "5" or `steps: 1.0` into 1.
type decoder struct {
	where func(line int) string // "configs/bank.yaml:12" or `set "k=v"`
	src   map[string]string     // key path -> where, filled as keys are seen
	errs  []error
}

func (d *decoder) failf(line int, format string, args ...any) {
	d.errs = append(d.errs, fmt.Errorf("%s: %s", d.where(line), fmt.Sprintf(format, args...)))
}

// decode stores n into v; path is v's key path ("" for the whole config).
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch v.Kind() {
	case reflect.Struct:
		d.mapping(n, v, path)
	case reflect.Slice, reflect.Array:
		d.sequence(n, v, path)
	default:
		d.scalar(n, v, path)
	}
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		if path == "" {
			d.failf(n.Line, "want a mapping of keys (model:, data:, ...) at the top level, got %s", describe(n))
		} else {
			d.failf(n.Line, "%s: want a mapping of keys (%s), got %s", path, strings.Join(keysOf(v.Type()), ", "), describe(n))
		}
		return
	}
	seen := make(map[string]int)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.failf(k.Line, "%s: keys must be plain names, got %s", orTop(path), describe(k))
			continue
		}
		full := join(path, k.Value)
		if first, dup := seen[k.Value]; dup {
			d.failf(k.Line, "duplicate key %q (first at line %d)", full, first)
			continue
		}
		seen[k.Value] = k.Line
		f, ok := fieldByKey(v.Type(), k.Value)
		if !ok {
			d.failf(k.Line, "unknown key %q (%s has: %s)", full, orTop(path), strings.Join(keysOf(v.Type()), ", "))
			continue
		}
		d.src[full] = d.where(k.Line)
		d.decode(val, v.FieldByIndex(f.Index), full)
	}
}

// sequence fills a slice (any length) or an array (exactly its length).
func (d *decoder) sequence(n *yaml.Node, v reflect.Value, path string) {
	want := "a list"
	if v.Kind() == reflect.Array {
		want = fmt.Sprintf("a list of %d %s", v.Len(), plural(wantOf(v.Type().Elem())))
	}
	if n.Kind != yaml.SequenceNode {
		d.failf(n.Line, "%s: want %s, got %s", path, want, describe(n))
		return
	}
	if v.Kind() == reflect.Array && len(n.Content) != v.Len() {
		d.failf(n.Line, "%s: want %s, got %d", path, want, len(n.Content))
		return
	}
	out := v
	if v.Kind() == reflect.Slice {
		// A fresh slice: a list in a file or a --set replaces the old one
		// and never writes through to a slice shared with another Config.
		out = reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	}
	for i, e := range n.Content {
		d.decode(e, out.Index(i), fmt.Sprintf("%s[%d]", path, i))
	}
	v.Set(out)
}

// scalar stores a plain value, accepting only the YAML types that mean
// the Go type: integers for ints, integers or decimals for floats,
// true/false for bools and strings for strings.
func (d *decoder) scalar(n *yaml.Node, v reflect.Value, path string) {
	want := wantOf(v.Type())
	bad := func() { d.failf(n.Line, "%s: want %s, got %s", path, want, describe(n)) }
	if n.Kind != yaml.ScalarNode {
		bad()
		return
	}
	tag := n.ShortTag()
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		var x int64
		if tag != "!!int" || n.Decode(&x) != nil || v.OverflowInt(x) {
			bad()
			return
		}
		v.SetInt(x)
	case reflect.Float64:
		var x float64
		if (tag != "!!int" && tag != "!!float") || n.Decode(&x) != nil {
			bad()
			return
		}
		v.SetFloat(x)
	case reflect.Bool:
		var x bool
		if tag != "!!bool" || n.Decode(&x) != nil {
			bad()
			return
		}
		v.SetBool(x)
	case reflect.String:
		if tag != "!!str" {
			bad()
			return
		}
		v.SetString(n.Value)
	default:
		// Only reachable if a field of an unsupported kind is added to
		// the schema; a test walks every field to keep this unreachable.
		d.failf(n.Line, "%s: unsupported field type %s", path, v.Type())
	}
}

// fieldByKey finds the exported field of struct type t tagged yaml:"key".
func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	for _, f := range reflect.VisibleFields(t) {
		if f.IsExported() && tagName(f) == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// keysOf lists the YAML keys of struct type t in declaration order.
func keysOf(t reflect.Type) []string {
	var keys []string
	for _, f := range reflect.VisibleFields(t) {
		if name := tagName(f); f.IsExported() && name != "" {
			keys = append(keys, name)
		}
	}
	return keys
}

func tagName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return name
}

func wantOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int64:
		return "an integer"
	case reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct:
		return "a mapping"
	}
	return t.String()
}

// plural turns "a number" into "numbers" for "a list of 2 numbers".
func plural(want string) string {
	want = strings.TrimPrefix(strings.TrimPrefix(want, "an "), "a ")
	return want + "s"
}

// describe shows a node the way the user wrote it, for "got ..." messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "nothing (null)"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an unsupported YAML node"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func orTop(path string) string {
	if path == "" {
		return "the top level"
	}
	return path
}
