package main

import (
	"flag"
	"fmt"
	"github.com/attendlab/attend/internal/editdist"
	"strings"

	"github.com/attendlab/attend/configs"
)

// flagHint turns a config key written as a flag or a malformed --set into
// the --set that does it: --steps 100, --step 100, --set steps=100 and
// --set train.steps 100 all become --set train.steps=100. It returns ""
// when args hold no such mistake; fs has the flags that exist.
func flagHint(args []string, fs *flag.FlagSet) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") {
			return "" // the flag package stops here too
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !hasValue && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
			value = args[i+1]
		}
		if name == "set" {
			next := i + 1 // the argument after the --set value
			if !hasValue {
				next++
			}
			after := ""
			if next < len(args) && !strings.HasPrefix(args[next], "-") {
				after = args[next]
			}
			if hint := setHint(value, after); hint != "" {
				return hint
			}
			if !hasValue {
				i++
			}
			continue
		}
		if f := fs.Lookup(name); f != nil || name == "h" || name == "help" {
			if f != nil && !hasValue {
				if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
					i++ // its value
				}
			}
			continue
		}
		keys := matchKeys(name)
		if len(keys) == 0 {
			return ""
		}
		if value == "" {
			value = "VALUE"
		}
		return fmt.Sprintf("--%s is not a flag; for the config key use %s", name, sets(keys, value))
	}
	return ""
}

// setHint is the hint for one --set value v, followed in args by the
// positional argument after ("" for none): a key without "=" whose value
// came as that argument, or a key that is the last part of a real one.
func setHint(v, after string) string {
	key, value, ok := strings.Cut(v, "=")
	if !ok {
		value = "VALUE"
		if after != "" {
			value = after
		}
	}
	keys := []string{key}
	if !isKey(key) {
		if keys = matchKeys(key); len(keys) == 0 {
			return ""
		}
	} else if ok {
		return "" // a well-formed --set
	}
	return fmt.Sprintf("--set %s: want one key.path=value argument: %s", v, sets(keys, value))
}

// isKey reports whether key is a config key path or a section of one.
func isKey(key string) bool {
	for _, k := range configs.Keys() {
		if k == key || strings.HasPrefix(k, key+".") {
			return true
		}
	}
	return false
}

// matchKeys are the config keys name means: its full path, a key whose
// last part it is, or, failing both, a last part one edit away ("step").
func matchKeys(name string) []string {
	var exact, near []string
	for _, k := range configs.Keys() {
		last := k[strings.LastIndexByte(k, '.')+1:]
		switch {
		case k == name || last == name:
			exact = append(exact, k)
		case len(name) >= 3 && editdist.Levenshtein(last, name) <= 1:
			near = append(near, k)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return near
}

func sets(keys []string, value string) string {
	var out []string
	for _, k := range keys {
		out = append(out, "--set "+k+"="+value)
	}
	return strings.Join(out, " or ")
}
