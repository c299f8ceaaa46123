package inspect

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/modelfile"
)

func TestReportJSON(t *testing.T) {
	tn := newTiny(t, true)
	// "the" labelled with one sense and three occurrences: too few to score.
	eval := slices.Clone(tn.held)
	for _, s := range tn.held[:3] {
		s.Word, s.Sense, s.Pos = "the", "article", slices.Index(s.Tokens, "the")
		if s.Pos >= 0 {
			eval = append(eval, s)
		}
	}
	var got struct {
		Checkpoint string           `json:"checkpoint"`
		Step       int              `json:"step"`
		Data       string           `json:"data"`
		Results    []map[string]any `json:"results"`
		TooFew     []string         `json:"too_few"`
		Notes      []string         `json:"notes"`
	}
	tn.reportJSON(t, ReportOptions{DataName: HeldOut, Eval: eval, Train: tn.train}, &got)
	// A bare file has no run config: the report says where seed and data came from.
	if !slices.ContainsFunc(got.Notes, func(n string) bool { return strings.Contains(n, "train.seed") }) {
		t.Errorf("notes %q: want one saying the baseline's seed and the data are the built-in config's", got.Notes)
	}
	if got.Checkpoint != tn.path || got.Step != -1 || got.Data != HeldOut {
		t.Errorf("header = %q, %d, %q; want %q, -1, %q", got.Checkpoint, got.Step, got.Data, tn.path, HeldOut)
	}
	if want := []string{"the"}; !slices.Equal(got.TooFew, want) {
		t.Errorf("too_few = %v, want %v", got.TooFew, want)
	}
	reps := Representations(tn.layers)
	if len(got.Results) != len(reps) {
		t.Fatalf("%d results, want one per representation (%d)", len(got.Results), len(reps))
	}
	keys := []string{"word", "representation", "auc", "auc_ci", "sense_gap", "sense_gap_ci", "knn_acc",
		"centroid_acc", "centroid_acc_ci", "majority", "self_sim_adj", "n"}
	for i, res := range got.Results {
		for _, k := range keys {
			if _, ok := res[k]; !ok {
				t.Errorf("result %d has no %q", i, k)
			}
		}
		if res["representation"] != reps[i] || res["word"] != "bank" {
			t.Errorf("result %d is %v %v, want bank %s", i, res["word"], res["representation"], reps[i])
		}
		if res["n"] != float64(len(tn.held)) {
			t.Errorf("%s: n = %v, want %d", reps[i], res["n"], len(tn.held))
		}
	}
	static := got.Results[0]
	if static["auc"] != 0.5 || static["sense_gap"] != 0.0 {
		t.Errorf("static auc, gap = %v, %v; want exactly 0.5, 0", static["auc"], static["sense_gap"])
	}
	if ci := static["auc_ci"].([]any); ci[0] != 0.5 || ci[1] != 0.5 {
		t.Errorf("static auc_ci = %v, want [0.5 0.5]", ci)
	}
	if static["majority"] != 0.5 {
		t.Errorf("majority = %v, want 0.5 (8 and 8 sentences)", static["majority"])
	}
}

func TestReportText(t *testing.T) {
	tn := newTiny(t, true)
	r, err := tn.c.BuildReport(ReportOptions{DataName: HeldOut, Eval: tn.held, Train: tn.train, Word: "bank"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"data: held-out split of the checkpoint's corpus", "bank: n = 16 sentences", "AUC", "centroid", "selfsim", "untrained", "layer2"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, buf.String())
		}
	}
	// A run on files: the header names its held-out file.
	d := &tn.c.Loaded.Config.Data
	d.Corpus, d.HeldoutFile = configs.Files, "/data/held.tsv"
	defer func() { d.Corpus, d.HeldoutFile = configs.Builtin, "" }()
	r, err = tn.c.BuildReport(ReportOptions{DataName: HeldOut, Eval: tn.held, Train: tn.train, Word: "bank"})
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	if want := "data: held-out file /data/held.tsv (the run's data.heldout_file)"; !strings.Contains(buf.String(), want) {
		t.Errorf("text report of a files run lacks %q:\n%s", want, buf.String())
	}
}

func TestReportWordErrors(t *testing.T) {
	tn := newTiny(t, true)
	unlabelled := []data.Sentence{{Text: "the bank", Tokens: []string{"the", "bank"}, Pos: -1}}
	tests := []struct {
		name string
		o    ReportOptions
		want string
	}{
		{"word absent", ReportOptions{DataName: "x.tsv", Eval: tn.held, Word: "crane"}, `--word "crane": no labelled sentences`},
		{"no labels", ReportOptions{DataName: "x.tsv", Eval: unlabelled}, "has no labelled sentences"},
		{"no labels: add to the given file", ReportOptions{DataName: "x.tsv", Eval: unlabelled}, "next: add labelled lines to x.tsv"},
		{"no labels in the held-out split: name a file", ReportOptions{DataName: HeldOut, Eval: unlabelled}, "next: score a labelled file with --data FILE.tsv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tn.c.BuildReport(tt.o)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestNumJSON(t *testing.T) {
	tests := []struct {
		in   Num
		want string
	}{
		{0.25, "0.25"}, {Num(math.NaN()), "null"}, {Num(math.Inf(1)), "null"}, {0, "0"},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.in)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", float64(tt.in), b, err, tt.want)
		}
	}
}

// TestUntrainedStartsLikeTheRun: the untrained baseline rebuilds the run's
// initial weights, its embedding std included (0, as in files written before
// it was recorded, is nn.Embedding's 1).
func TestUntrainedStartsLikeTheRun(t *testing.T) {
	for _, c := range []struct{ std, want float64 }{{0.02, 0.02}, {0, 1}} {
		tn := writeTinyRun(t, true, nil, &modelfile.TrainingRun{Seed: 7, EmbedStd: c.std, Data: configs.Data{Corpus: configs.Builtin}})
		ck, err := Open(tn.path)
		if err != nil {
			t.Fatal(err)
		}
		m, err := ck.untrained(1, 4)
		if err != nil {
			t.Fatal(err)
		}
		w := m.Embed.Weight.Data().([]float32)
		var sq float64
		for _, v := range w {
			sq += float64(v) * float64(v)
		}
		if std := math.Sqrt(sq / float64(len(w))); math.Abs(std-c.want) > 0.25*c.want {
			t.Errorf("run embed_std %v: untrained embedding std %.4f, want about %v", c.std, std, c.want)
		}
	}
}

// TestMessagesShowValues: the report's header and errors print values, not
// Go slices or doubled parentheses.
func TestMessagesShowValues(t *testing.T) {
	tn := newTiny(t, true)
	eval := data.Labelled(tn.held, 0)
	r, err := tn.c.BuildReport(ReportOptions{DataName: HeldOut, Eval: eval, Train: tn.train})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	_, err = tn.c.BuildReport(ReportOptions{DataName: HeldOut, Eval: eval, Train: tn.train, Word: "bass"})
	tests := []struct{ name, text, want, not string }{
		{"header", buf.String(), "(a bare .safetensors file, no step)", "(step none"},
		{"--word error", fmt.Sprint(err), "(words: bank)", "[bank]"},
	}
	for _, tt := range tests {
		if !strings.Contains(tt.text, tt.want) || strings.Contains(tt.text, tt.not) {
			t.Errorf("%s: %q; want %q, not %q", tt.name, firstLine(tt.text), tt.want, tt.not)
		}
	}
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }

// TestReportWordCounts: with --word the token counts and the sentence list
// are that word's only.
func TestReportWordCounts(t *testing.T) {
	tn := newTiny(t, true)
	eval := slices.Clone(tn.held)
	var the []data.Sentence
	for _, s := range tn.held[:3] {
		s.Word, s.Sense, s.Pos = "the", "article", slices.Index(s.Tokens, "the")
		if s.Pos >= 0 {
			eval = append(eval, s)
			the = append(the, s)
		}
	}
	tokens := func(sents []data.Sentence) int {
		n := 0
		for _, s := range sents {
			n += len(s.Tokens)
		}
		return n
	}
	tests := []struct {
		word          string
		tokens, sents int
	}{
		{"", tokens(eval), len(eval)},
		{"bank", tokens(tn.held), len(tn.held)},
	}
	for _, tt := range tests {
		r, err := tn.c.BuildReport(ReportOptions{DataName: HeldOut, Eval: eval, Train: tn.train, Word: tt.word})
		if err != nil {
			t.Fatal(err)
		}
		if r.Tokens != tt.tokens || len(r.Sentences) != tt.sents {
			t.Errorf("--word %q: %d tokens, %d sentences; want %d, %d", tt.word, r.Tokens, len(r.Sentences), tt.tokens, tt.sents)
		}
		for _, s := range r.Sentences {
			if tt.word != "" && s.Word != tt.word {
				t.Errorf("--word %q lists a sentence of %q", tt.word, s.Word)
			}
		}
	}
	if len(the) == 0 {
		t.Fatal("no sentence of the other word: the case proves nothing")
	}
}

// TestReportStraySense: a sense with too few sentences beside two with
// enough is left out with a note, and the word is scored on the others.
func TestReportStraySense(t *testing.T) {
	tn := newTiny(t, true)
	eval := slices.Clone(tn.held)
	stray := tn.held[0]
	stray.Sense = "foo"
	eval = append(eval, stray)
	r, err := tn.c.BuildReport(ReportOptions{DataName: "stray.tsv", Eval: eval, Train: tn.train, Word: "bank"})
	if err != nil {
		t.Fatalf("a stray sense stopped the report: %v", err)
	}
	if len(r.TooFew) > 0 || len(r.Results) == 0 || r.Results[0].N != len(tn.held) {
		t.Errorf("too few %v, %d results (n %v); want bank scored on its %d sentences", r.TooFew, len(r.Results), r.Results, len(tn.held))
	}
	if !slices.ContainsFunc(r.Notes, func(n string) bool { return strings.Contains(n, "bank: sense foo (1) left out") }) {
		t.Errorf("notes %q: want one naming the stray sense", r.Notes)
	}
}
