package corpus

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"sync"
)

// files are the corpus's data files (README.md in this folder describes
// them): the shared grammar, one lexicon file per ambiguous word, and the
// everyday words.
//
//go:embed grammar/*.txt lexicon/*.txt words.txt
var files embed.FS

// fileRoot is where files live in the module, for error messages.
const fileRoot = "corpus/"

// text is the data files parsed.
type text struct {
	shared   rules    // every rule of grammar/*.txt and words.txt
	patterns []string // the sentence shapes of grammar/*.txt, in file order
	everyday everydayList
	lexicon  []wordSpec // sorted by word (the file names)
}

// loaded parses files once.
var loaded = sync.OnceValues(func() (*text, error) { return parseText(files) })

// parseText reads the grammar files, words.txt and the lexicon files of fsys.
// A rule defined twice anywhere among the shared rules is an error: which one
// won would depend on the order of the files.
func parseText(fsys fs.FS) (*text, error) {
	t := &text{shared: rules{}}
	where := map[string]string{} // shared rule name -> file:line of its definition
	grammars, err := fs.Glob(fsys, "grammar/*.txt")
	if err != nil {
		return nil, err
	}
	for _, name := range grammars {
		f, err := parseFile(fsys, name, false)
		if err != nil {
			return nil, err
		}
		for _, r := range f.rules {
			if at, dup := where[r.name]; dup {
				return nil, fmt.Errorf("%s: rule %s is defined already at %s", r.at, r.name, at)
			}
			where[r.name] = r.at
			t.shared[r.name] = r.text
		}
		t.patterns = append(t.patterns, f.patterns...)
	}
	b, err := fs.ReadFile(fsys, "words.txt")
	if err != nil {
		return nil, err
	}
	if t.everyday, err = parseWords(wordsFileName, string(b)); err != nil {
		return nil, err
	}
	for name, alts := range t.everyday.rules {
		if at, dup := where[name]; dup {
			return nil, fmt.Errorf("%swords.txt: rule %s is defined already at %s", fileRoot, name, at)
		}
		t.shared[name] = alts
	}
	words, err := fs.Glob(fsys, "lexicon/*.txt")
	if err != nil {
		return nil, err
	}
	for _, name := range words {
		f, err := parseFile(fsys, name, true)
		if err != nil {
			return nil, err
		}
		w := wordSpec{word: strings.TrimSuffix(path.Base(name), ".txt")}
		if len(f.senses) != 2 {
			return nil, fmt.Errorf("%s%s: %d senses, want two ([sense NAME] sections)", fileRoot, name, len(f.senses))
		}
		copy(w.senses[:], f.senses)
		t.lexicon = append(t.lexicon, w)
	}
	if len(t.lexicon) == 0 {
		return nil, fmt.Errorf("%slexicon: no word files", fileRoot)
	}
	return t, nil
}

// rule is one rule of a file and where it is defined.
type rule struct {
	name, text, at string
}

// parsed is one file: its rules (shared files) or senses (lexicon files),
// and its patterns.
type parsed struct {
	rules    []rule
	patterns []string
	senses   []senseSpec
}

var (
	ruleLine = regexp.MustCompile(`^([a-z][a-z0-9_]*):(.*)$`)
	wordName = regexp.MustCompile(`^[a-z]+$`)
)

// parseFile reads one grammar file (sections [rules] and [patterns]) or,
// with lexicon, one word's file ([sense NAME], [verbs vo], [verbs vs]).
func parseFile(fsys fs.FS, name string, lexicon bool) (parsed, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return parsed{}, err
	}
	var (
		out     parsed
		section = "rules" // what the lines under the last header are
		sense   *senseBuilder
		last    *rule // the rule a continuation line extends
	)
	if lexicon {
		section = ""
	}
	flush := func() {
		if sense != nil {
			out.senses = append(out.senses, sense.spec())
		}
	}
	for i, line := range strings.Split(string(b), "\n") {
		at := fmt.Sprintf("%s%s:%d", fileRoot, name, i+1)
		fail := func(format string, args ...any) (parsed, error) {
			return parsed{}, fmt.Errorf("%s: %s", at, fmt.Sprintf(format, args...))
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if trimmed != line && strings.TrimLeft(line, " \t") == trimmed && strings.HasPrefix(trimmed, "|") {
			if last == nil {
				return fail("a continuation line (starting with space and |) without a rule above it")
			}
			last.text += " " + trimmed
			continue
		}
		last = nil
		if strings.HasPrefix(trimmed, "[") {
			f := strings.Fields(strings.Trim(trimmed, "[]"))
			switch {
			case !lexicon && len(f) == 1 && (f[0] == "rules" || f[0] == "patterns"):
				section = f[0]
			case lexicon && len(f) == 2 && f[0] == "sense" && wordName.MatchString(f[1]):
				flush()
				sense, section = &senseBuilder{name: f[1], verbs: map[string][]string{}}, "rules"
			case lexicon && len(f) == 2 && f[0] == "verbs" && (f[1] == "vo" || f[1] == "vs"):
				if sense == nil {
					return fail("%s before the first [sense NAME]", trimmed)
				}
				section = f[1]
			case lexicon:
				return fail("section %s: want [sense NAME], [verbs vo] or [verbs vs]", trimmed)
			default:
				return fail("section %s: want [rules] or [patterns]", trimmed)
			}
			continue
		}
		switch section {
		case "":
			return fail("%q before the first [sense NAME]", trimmed)
		case "patterns":
			out.patterns = append(out.patterns, trimmed)
		case "vo", "vs":
			head, _, ok := strings.Cut(trimmed, ":")
			if !ok || len(strings.Fields(head)) != 5 {
				return fail("verb line %q: want five forms (go goes went gone going), a colon and what may follow", trimmed)
			}
			sense.verbs[section] = append(sense.verbs[section], trimmed)
		case "rules":
			m := ruleLine.FindStringSubmatch(trimmed)
			if m == nil || trimmed != line {
				return fail("%q: want NAME: alternatives | ... at the start of a line, or an indented | line continuing one", trimmed)
			}
			list := &out.rules
			if sense != nil {
				list = &sense.rules
			}
			for _, r := range *list {
				if r.name == m[1] {
					return fail("rule %s is defined already at %s", m[1], r.at)
				}
			}
			*list = append(*list, rule{name: m[1], text: m[2], at: at})
			last = &(*list)[len(*list)-1]
		}
	}
	flush()
	return out, nil
}

// senseBuilder collects one [sense NAME] section of a lexicon file.
type senseBuilder struct {
	name  string
	rules []rule
	verbs map[string][]string // verb lines of [verbs vo] and [verbs vs]
}

func (b *senseBuilder) spec() senseSpec {
	r := make(rules, len(b.rules))
	for _, x := range b.rules {
		r[x.name] = x.text
	}
	return sense(b.name, r, b.verbs["vo"], b.verbs["vs"])
}
