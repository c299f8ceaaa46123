package inspect

import (
	"bytes"
	"io"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/data"
)

// TestCentroidNote renames a sense of the evaluated sentences, as a .tsv
// file with its own sense names would: the training split has no centroid
// for it, so centroid accuracy must be undefined and a note must say why,
// rather than a silently low score.
func TestCentroidNote(t *testing.T) {
	tn := newTiny(t, true)
	renamed := slices.Clone(tn.held)
	for i := range renamed {
		if renamed[i].Sense == "finance" {
			renamed[i].Sense = "money"
		}
	}
	tests := []struct {
		name     string
		eval     []data.Sentence
		wantNote string // "" = no note, centroid accuracy scored
	}{
		{"training senses", tn.held, ""},
		{"renamed sense", renamed, "bank: centroid accuracy not scored: no training occurrences of sense money (training senses: finance, river)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tn.c.BuildReport(ReportOptions{DataName: "x.tsv", Eval: tt.eval, Train: tn.train})
			if err != nil {
				t.Fatal(err)
			}
			notes := slices.DeleteFunc(slices.Clone(r.Notes), func(n string) bool { return strings.Contains(n, "bare model file") })
			if got := strings.Join(notes, "|"); got != tt.wantNote {
				t.Errorf("notes = %q, want %q", got, tt.wantNote)
			}
			for _, res := range r.Results {
				if undefined := math.IsNaN(float64(res.CentroidAcc)); undefined != (tt.wantNote != "") {
					t.Errorf("%s: centroid accuracy %v, want undefined = %v", res.Representation, res.CentroidAcc, tt.wantNote != "")
				}
			}
			var buf bytes.Buffer
			if err := r.WriteText(&buf); err != nil {
				t.Fatal(err)
			}
			if tt.wantNote != "" && !strings.Contains(buf.String(), "note: "+tt.wantNote) {
				t.Errorf("text report lacks the note:\n%s", buf.String())
			}
		})
	}
}

// TestUnknownNote checks that the quick look and the walk-through list the
// words the model reads as [UNK].
func TestUnknownNote(t *testing.T) {
	tn := newTiny(t, true)
	tests := []struct {
		name, text, want string
	}{
		{"known words", tn.held[0].Text, ""},
		{"unknown words", "the zorblat bank and the qux zorblat", "note: not in the vocabulary (read as [UNK]): zorblat, qux, zorblat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := tn.c.Quick("bank", []string{tn.held[1].Text, tt.text})
			if err != nil {
				t.Fatal(err)
			}
			wt, err := tn.c.Explain(tt.text, "bank", 1, 1)
			if err != nil {
				t.Fatal(err)
			}
			for view, write := range map[string]func(io.Writer) error{"quick": q.Write, "explain": wt.Write} {
				var buf bytes.Buffer
				if err := write(&buf); err != nil {
					t.Fatal(err)
				}
				if has := strings.Contains(buf.String(), "note: not in the vocabulary"); has != (tt.want != "") || !strings.Contains(buf.String(), tt.want) {
					t.Errorf("%s: output does not say %q:\n%s", view, tt.want, buf.String())
				}
			}
		})
	}
}
