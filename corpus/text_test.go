package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestParseText: a good set of files parses into the rules, patterns and
// senses it writes; each malformed file is an error naming its file and
// line and what is wrong.
func TestParseText(t *testing.T) {
	const (
		grammar = "# people\nsubj: i | we\n\t| they\n[patterns]\n{subj} saw {t}\n[rules]\nt: the {W}\n"
		words   = "[words wnoun]\ncat dog\n"
		bank    = "# bank\n[sense river]\nadj: muddy\n[verbs vo]\nwalk walks walked walked walking : along {t}\n" +
			"[sense finance]\nadj: local\n[verbs vs]\nclose closes closed closed closing : | at five\n"
	)
	files := func(over map[string]string) fstest.MapFS {
		fs := fstest.MapFS{}
		for name, text := range map[string]string{"grammar/a.txt": grammar, "words.txt": words, "lexicon/bank.txt": bank} {
			fs[name] = &fstest.MapFile{Data: []byte(text)}
		}
		for name, text := range over {
			fs[name] = &fstest.MapFile{Data: []byte(text)}
		}
		return fs
	}
	tx, err := parseText(files(nil))
	if err != nil {
		t.Fatal(err)
	}
	if got := tx.shared["subj"]; got != " i | we | they" {
		t.Errorf("continued rule subj = %q", got)
	}
	if tx.shared["wnoun"] != "cat | dog" || len(tx.patterns) != 1 || tx.shared["t"] != " the {W}" {
		t.Errorf("shared %q, patterns %q", tx.shared, tx.patterns)
	}
	if len(tx.lexicon) != 1 || tx.lexicon[0].word != "bank" || tx.lexicon[0].senses[1].name != "finance" ||
		tx.lexicon[0].senses[0].rules["vo_after_walk_walked"] != " along {tob}" {
		t.Errorf("lexicon %+v", tx.lexicon)
	}

	tests := []struct {
		name string
		over map[string]string
		want string
	}{
		{"unknown grammar section", map[string]string{"grammar/b.txt": "[sense x]\n"}, "corpus/grammar/b.txt:1: section [sense x]: want [rules] or [patterns]"},
		{"not a rule", map[string]string{"grammar/b.txt": "# c\n\nsome words\n"}, "corpus/grammar/b.txt:3: \"some words\": want NAME: alternatives"},
		{"continuation first", map[string]string{"grammar/b.txt": "\t| a\n"}, "corpus/grammar/b.txt:1: a continuation line"},
		{"rule twice in a file", map[string]string{"grammar/b.txt": "x: a\nx: b\n"}, "corpus/grammar/b.txt:2: rule x is defined already at corpus/grammar/b.txt:1"},
		{"rule twice across files", map[string]string{"grammar/b.txt": "subj: a\n"}, "corpus/grammar/b.txt:1: rule subj is defined already at corpus/grammar/a.txt:2"},
		{"rule of words.txt in a grammar file", map[string]string{"grammar/b.txt": "wnoun: a\n"}, "corpus/words.txt: rule wnoun is defined already at corpus/grammar/b.txt:1"},
		{"words.txt", map[string]string{"words.txt": "cat\n"}, "corpus/words.txt:1: words before the first section"},
		{"lexicon line before a sense", map[string]string{"lexicon/bank.txt": "adj: muddy\n"}, "corpus/lexicon/bank.txt:1: \"adj: muddy\" before the first [sense NAME]"},
		{"verbs before a sense", map[string]string{"lexicon/bank.txt": "[verbs vo]\n"}, "corpus/lexicon/bank.txt:1: [verbs vo] before the first [sense NAME]"},
		{"unknown lexicon section", map[string]string{"lexicon/bank.txt": "[sense river]\n[patterns]\n"}, "corpus/lexicon/bank.txt:2: section [patterns]: want [sense NAME]"},
		{"verb line", map[string]string{"lexicon/bank.txt": "[sense river]\n[verbs vo]\nwalk walked : along {t}\n"}, "corpus/lexicon/bank.txt:3: verb line \"walk walked : along {t}\": want five forms"},
		{"rule twice in a sense", map[string]string{"lexicon/bank.txt": "[sense river]\nadj: a\nadj: b\n"}, "corpus/lexicon/bank.txt:3: rule adj is defined already at corpus/lexicon/bank.txt:2"},
		{"one sense", map[string]string{"lexicon/bank.txt": "[sense river]\nadj: a\n"}, "corpus/lexicon/bank.txt: 1 senses, want two"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseText(files(tt.over))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
	noWords := files(nil)
	delete(noWords, "lexicon/bank.txt")
	if _, err := parseText(noWords); err == nil || !strings.Contains(err.Error(), "corpus/lexicon: no word files") {
		t.Errorf("no lexicon files: error = %v", err)
	}
}
