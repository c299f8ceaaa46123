package inspect

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Report is the evaluation of every word and representation. Its exported
// fields are the JSON output.
type Report struct {
	Checkpoint string   `json:"checkpoint"`
	Step       int      `json:"step"` // -1 for a bare .safetensors file
	Data       string   `json:"data"`
	Results    []Result `json:"results"`
	TooFew     []string `json:"too_few,omitempty"`
	Notes      []string `json:"notes,omitempty"` // scores left out, and why

	// The data's tokens, how many the vocabulary lacks (each read as
	// [UNK]) and their share, and every labelled sentence.
	Tokens        int              `json:"tokens"`
	UnknownTokens int              `json:"unknown_tokens"`
	UnknownRate   Num              `json:"unknown_rate"`
	Sentences     []SentenceResult `json:"sentences"`

	reps      []string
	heldout   string // the run's data.heldout_file, "" for the built-in corpus
	nEval     int    // sentences counted: all, or with --word that word's
	word      string // --word's word, "" for all
	words     []*wordData
	tooFewWhy []string
	baseline  [][][2][]float64 // [representation] random token pairs
}

// Result is one word in one representation.
type Result struct {
	Word           string `json:"word"`
	Representation string `json:"representation"`
	AUC            Num    `json:"auc"`
	AUCCI          [2]Num `json:"auc_ci"`
	SenseGap       Num    `json:"sense_gap"`
	GapCI          [2]Num `json:"sense_gap_ci"`
	KNNAcc         Num    `json:"knn_acc"`
	CentroidAcc    Num    `json:"centroid_acc"`
	CentroidCI     [2]Num `json:"centroid_acc_ci"`
	Majority       Num    `json:"majority"`
	SelfSimAdj     Num    `json:"self_sim_adj"`
	N              int    `json:"n"`
}

// Num is a score that may be undefined. NaN and ±Inf are written as JSON
// null, which encoding/json would otherwise refuse to write at all.
type Num float64

// MarshalJSON implements json.Marshaler.
func (n Num) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

// WriteJSON writes the report as one JSON object.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// reportHeader explains every number of the table, for readers who meet
// these metrics for the first time.
const reportHeader = `Does a word's vector tell its senses apart? One row per representation:
  static     the embedding row: the same vector in every sentence
  input      embedding + position: what the first layer receives
  layerK     output of encoder layer K, after self-attention has mixed in the context
  untrained  last layer of an untrained model of the same shape (baseline)
Columns (CI = 95%% bootstrap interval, %d resamples of the sentences, seed %d):
  AUC       chance that a same-sense pair of occurrences is more similar (cosine)
            than a different-sense pair: 0.5 = no sense information, 1 = perfect
  gap       mean cosine of same-sense pairs minus that of different-sense pairs (−2 to 2; 0 = no separation)
  1-NN      leave-one-out accuracy of taking the sense of the most similar occurrence
  centroid  accuracy of the nearest sense centroid, centroids from the training split
  majority  accuracy of always guessing the most frequent sense: the baseline to beat
  selfsim   mean cosine between the word's occurrences minus that of %d random token
            pairs from different sentences (anisotropy-adjusted; 0 = as unlike as strangers)
`

// WriteText writes the report as one table per word.
func (r *Report) WriteText(w io.Writer) error {
	step := "step " + strconv.Itoa(r.Step)
	if r.Step < 0 {
		step = "a bare .safetensors file, no step"
	}
	data := r.Data
	switch {
	case data == HeldOut && r.heldout != "":
		data = "held-out file " + r.heldout + " (the run's data.heldout_file)"
	case data == HeldOut:
		data = "held-out split of the checkpoint's corpus"
	}
	of := ""
	if r.word != "" {
		of = fmt.Sprintf(" of %q", r.word)
	}
	fmt.Fprintf(w, "checkpoint %s (%s)\ndata: %s, %d sentences%s\n%s\n\n", r.Checkpoint, step, data, r.nEval, of, r.unknownLine())
	fmt.Fprintf(w, reportHeader, BootstrapReps, BootstrapSeed, BaselinePairs)
	for _, wd := range r.words {
		fmt.Fprintf(w, "\n%s: n = %d sentences (", wd.word, len(wd.sents))
		for i, name := range wd.senseNames {
			if i < len(wd.perSense) && wd.perSense[i] > 0 {
				fmt.Fprintf(w, "%s%s %d", sep(i), name, wd.perSense[i])
			}
		}
		fmt.Fprintln(w, ")")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "representation\tAUC\t[CI]\tgap\t[CI]\t1-NN\tcentroid\t[CI]\tmajority\tselfsim\t")
		for _, res := range r.Results {
			if res.Word != wd.word {
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", res.Representation,
				f3(res.AUC), interval(res.AUCCI), f3(res.SenseGap), interval(res.GapCI), f3(res.KNNAcc),
				f3(res.CentroidAcc), interval(res.CentroidCI), f3(res.Majority), f3(res.SelfSimAdj))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if err := r.writeSentences(w); err != nil {
		return err
	}
	for _, note := range r.Notes {
		fmt.Fprintln(w, "\nnote:", note)
	}
	if len(r.TooFew) > 0 {
		fmt.Fprintf(w, "\ntoo few occurrences to score (need 2 senses with at least %d each):\n  %s\n", MinPerSense, strings.Join(r.tooFewWhy, "\n  "))
	}
	return nil
}

func sep(i int) string {
	if i == 0 {
		return ""
	}
	return ", "
}

// f3 formats a score with three decimals, "-" when undefined.
func f3(n Num) string {
	if math.IsNaN(float64(n)) {
		return "-"
	}
	return strconv.FormatFloat(float64(n), 'f', 3, 64)
}

func interval(c [2]Num) string { return "[" + f3(c[0]) + ", " + f3(c[1]) + "]" }
