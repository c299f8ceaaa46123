package data

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadText(t *testing.T) {
	path := writeTemp(t, "s.txt", "The river bank flooded.\n\n  \r\nShe paid the Bank!\r\n")
	got, err := LoadText(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []Sentence{
		{Text: "The river bank flooded.", Tokens: []string{"the", "river", "bank", "flooded"}, Pos: -1},
		{Text: "She paid the Bank!", Tokens: []string{"she", "paid", "the", "bank"}, Pos: -1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d sentences, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Text != w.Text || !slices.Equal(g.Tokens, w.Tokens) || g.Pos != -1 || g.Label() != "" {
			t.Errorf("sentence %d = %+v, want %+v", i, g, w)
		}
	}
}

func TestLoadTSV(t *testing.T) {
	path := writeTemp(t, "s.tsv", "bank\triver\tWe sat on the Bank, by the bank.\n\nBANK\tfinance\tThe bank lent money\r\n"+
		"\t\tPlain text, no label.\n \t \tBlank word and sense are unlabelled too\n")
	got, err := LoadTSV(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		label string
		pos   int
		toks  []string
	}{
		{"bank:river", 4, []string{"we", "sat", "on", "the", "bank", "by", "the", "bank"}},
		{"bank:finance", 1, []string{"the", "bank", "lent", "money"}},
		{"", -1, []string{"plain", "text", "no", "label"}},
		{"", -1, []string{"blank", "word", "and", "sense", "are", "unlabelled", "too"}},
	}
	if len(got) != len(tests) {
		t.Fatalf("got %d sentences, want %d", len(got), len(tests))
	}
	for i, tt := range tests {
		if got[i].Label() != tt.label || got[i].Pos != tt.pos || !slices.Equal(got[i].Tokens, tt.toks) {
			t.Errorf("sentence %d = %+v, want label %s pos %d tokens %q", i, got[i], tt.label, tt.pos, tt.toks)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	type loader func(string) ([]Sentence, error)
	tests := []struct {
		name    string
		load    loader
		content string
		want    string // substring after the file name
	}{
		{"text invalid utf8", LoadText, "fine\nbad \xff byte\n", "line 2: invalid UTF-8"},
		{"text no tokens", LoadText, "ok line\n\n?!\n", "line 3: sentence has no words"},
		{"text empty file", LoadText, "", "no sentences"},
		{"text blank file", LoadText, "\n  \n\t\n", "no sentences"},
		{"tsv invalid utf8", LoadTSV, "bank\triver\tthe \xfe bank\n", "line 1: invalid UTF-8"},
		{"tsv missing fields", LoadTSV, "bank\triver\tthe bank\nbank\tfinance\n", "line 2: 2 fields"},
		{"tsv one field", LoadTSV, "just a sentence with bank\n", "line 1: 1 fields"},
		{"tsv empty word", LoadTSV, "\triver\tthe bank\n", "line 1: empty word field"},
		{"tsv empty sentence", LoadTSV, "bank\triver\t\n", "line 1: empty sentence field"},
		{"tsv word absent", LoadTSV, "\nbank\triver\tthe shore was muddy\n", `line 2: word "bank" does not occur`},
		{"tsv word not a token", LoadTSV, "river bank\triver\tthe river bank\n", "line 1: word"},
		{"tsv sentence no tokens", LoadTSV, "bank\triver\t...\n", "line 1: sentence has no words"},
		{"tsv empty file", LoadTSV, "", "no sentences"},
		{"tsv fourth field", LoadTSV, "bank\triver\tthe bank is here\textra\n", "line 1: 4 fields, want 3"},
		{"tsv tab in sentence", LoadTSV, "bank\triver\tthe bank\tof the river\n", "line 1: 4 fields"},
		{"tsv word without sense", LoadTSV, "bank\triver\tthe bank\nbank\t\tthe bank again\n", `line 2: word "bank" has an empty sense field`},
		{"tsv header line", LoadTSV, "word\tsense\tsentence\nbank\triver\tthe bank\n", "line 1: a header line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "in", tt.content)
			_, err := tt.load(path)
			if err == nil {
				t.Fatal("no error")
			}
			if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q, want it to name %s and contain %q", msg, path, tt.want)
			}
		})
	}
	if _, err := LoadText(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("LoadText of a missing file: no error")
	}
}

func TestFormsAndFindTarget(t *testing.T) {
	tests := []struct {
		word, sentence string
		forms          []string
		pos            int
	}{
		{"crane", "the cranes migrate south", []string{"crane", "cranes"}, 1},
		{"mouse", "two mice ran past the mouse", []string{"mouse", "mice"}, 1},
		{"mice", "the mouse ran", []string{"mouse", "mice"}, 1},
		{"bass", "the basses sang low", []string{"bass", "basses"}, 1},
		{"bank", "she paid the bank", []string{"bank", "banks"}, 3},
		{"pitch", "both pitches were wet", []string{"pitch", "pitches"}, 1},
		{"berry", "she picked berries", []string{"berry", "berries"}, 2},
		{"day", "two days later", []string{"day", "days"}, 1},
		{"bark", "the dog did not bite", []string{"bark", "barks"}, -1},
	}
	for _, tt := range tests {
		if got := Forms(tt.word); !slices.Equal(got, tt.forms) {
			t.Errorf("Forms(%q) = %v, want %v", tt.word, got, tt.forms)
		}
		if got := FindTarget(Tokenize(tt.sentence), tt.word); got != tt.pos {
			t.Errorf("FindTarget(%q, %q) = %d, want %d", tt.sentence, tt.word, got, tt.pos)
		}
	}
}

// TestFormsAmong: a plural of one of the words resolves to it; any other
// word keeps its own Forms.
func TestFormsAmong(t *testing.T) {
	words := []string{"bank", "bass", "mouse"}
	tests := []struct {
		word string
		want []string
	}{
		{"banks", []string{"bank", "banks"}},
		{"bank", []string{"bank", "banks"}},
		{"bass", []string{"bass", "basses"}},
		{"basses", []string{"bass", "basses"}},
		{"mice", []string{"mouse", "mice"}},
		{"bats", []string{"bats", "batses"}}, // bat is not among the words
	}
	for _, tt := range tests {
		if got := FormsAmong(tt.word, words); !slices.Equal(got, tt.want) {
			t.Errorf("FormsAmong(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestLoadTSVPlural(t *testing.T) {
	path := writeTemp(t, "p.tsv", "crane\tbird\tThe cranes migrate south.\n")
	got, err := LoadTSV(path)
	if err != nil {
		t.Fatal(err)
	}
	if s := got[0]; s.Word != "crane" || s.Pos != 1 || s.Tokens[s.Pos] != "cranes" || s.Label() != "crane:bird" {
		t.Errorf("got %+v, want word crane at token 1 (cranes)", s)
	}
}
