package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/attendlab/attend/graph"
)

// A Head is one objective: a head on the encoder's final vectors and its
// loss. Model builds, feeds and measures the registered heads in their rank
// order; Result, train's validation and its logs (the metrics.jsonl keys)
// are derived from their Specs. Adding an objective is one file that defines
// a Head and registers it (see head_mlm.go, head_sense.go).
type Head interface {
	// Declare adds the head's parameters to m.G when m.Config has the head,
	// or draws and discards their initial values, so that every parameter
	// starts from values that depend on the seed alone. loss says whether
	// the head's loss is trained (an error when the Config lacks the head).
	Declare(m *Model, loss bool) error
	// Wire builds the head on h, the final vectors [B*T, D] (a RowsHead
	// takes its rows with Model.Gather: h may hold just those), and declares
	// the inputs it reads. With loss, it returns the head's part of the
	// optimised loss (its terms, weighted); nil otherwise or when absent.
	Wire(m *Model, h *graph.Node, loss bool, o Options) *graph.Node
	// Feed sets the head's inputs from the batch.
	Feed(g *graph.Graph, b Batch) error
	// Measure reads the last run: each term of Spec.Terms before its weight
	// (0 for a term that is off) and the head's arg-max accuracy counts.
	Measure(b Batch) (terms []float64, acc Count)
}

// A RowsHead is a Head that reads the final vectors at some rows only (the
// sense targets, the masked positions). Rows, called before Wire, declares
// the input listing them (Feed sets it) and returns it, nil for every row;
// reads is false when the head reads no final vector. When the one head
// that reads is a RowsHead with rows, and nothing else reads the final
// vectors (no Options.Observe, no dropout), the last encoder layer computes
// those rows alone and Wire gets them, [R, D]: a head takes its rows of h
// with Model.Gather, which sees to either case. A registered head that is
// not a RowsHead may read every row, so it keeps the whole last layer in
// every model of the process, trained by it or not.
type RowsHead interface {
	Head
	Rows(m *Model, loss bool, o Options) (rows *graph.Node, reads bool)
}

// Input is a batch field group a head reads, so that validation knows which
// batches measure it.
type Input int

const (
	// Masked: IDs after masking and Labels (the masked-LM recipe).
	Masked Input = iota
	// Targets: unmasked IDs, Target and Sense.
	Targets
)

// Spec is what a head declares about itself.
type Spec struct {
	Name  string // objective name, as configs writes it ("mlm", "sense")
	Label string // what plots call its loss ("masked LM")
	// Rank orders the heads: parameters are drawn and losses summed in
	// ascending rank, so a new head takes a larger rank and older heads keep
	// their initial values bit for bit.
	Rank  int
	Input Input
	Terms []TermSpec
	// ValAcc: validation records val_<Name>_acc (the sense head is judged
	// by train's nearest-centroid probe instead).
	ValAcc bool
	New    func() Head
}

// TermSpec is one named part of a head's loss. metrics.jsonl writes it as
// <Name>_loss, and validation as val_<Name>_loss when Validated.
type TermSpec struct {
	Name string
	// Validated: validation measures it; the cross-entropies are, a
	// regulariser such as the contrastive term is not.
	Validated bool
}

// Count is an arg-max accuracy: Correct of Count labelled rows.
type Count struct{ Correct, Count int }

var registry []Spec

// Register adds a head; its file calls it from init.
func Register(s Spec) {
	if s.Name == "" || strings.Contains(s.Name, "+") || s.New == nil || len(s.Terms) == 0 {
		panic(fmt.Sprintf("model: Register of a malformed head %q", s.Name)) // a programming error, at init
	}
	for _, o := range registry {
		if o.Name == s.Name || o.Rank == s.Rank {
			panic(fmt.Sprintf("model: heads %q and %q share a name or rank", o.Name, s.Name))
		}
	}
	registry = append(registry, s)
	slices.SortFunc(registry, func(a, b Spec) int { return a.Rank - b.Rank })
}

// Heads returns the registered heads' specs in rank order.
func Heads() []Spec { return slices.Clone(registry) }

// TermNames lists every registered loss term in rank order: the order of
// Result.Terms and of the training log's keys.
func TermNames() []string {
	var out []string
	for _, s := range registry {
		for _, t := range s.Terms {
			out = append(out, t.Name)
		}
	}
	return out
}

// checkLosses reports names that no registered head has.
func checkLosses(names []string) error {
	for _, n := range names {
		if !slices.ContainsFunc(registry, func(s Spec) bool { return s.Name == n }) {
			have := make([]string, len(registry))
			for i, s := range registry {
				have[i] = s.Name
			}
			return fmt.Errorf("model: no objective %q (have %s)", n, strings.Join(have, ", "))
		}
	}
	return nil
}

// Result is what one run of a batch measured.
type Result struct {
	Loss  float64   // the optimised loss: the sum of every trained term times its weight
	Terms []float64 // each term before its weight, in TermNames order; 0 when off
	Acc   []Count   // each head's accuracy counts, in Heads order
}

// Term returns the loss term named name (0 when off or unknown).
func (r Result) Term(name string) float64 {
	if i := slices.Index(TermNames(), name); i >= 0 && i < len(r.Terms) {
		return r.Terms[i]
	}
	return 0
}

// Accuracy returns head's accuracy counts (zero when it has none).
func (r Result) Accuracy(head string) Count {
	for i, s := range registry {
		if s.Name == head && i < len(r.Acc) {
			return r.Acc[i]
		}
	}
	return Count{}
}

// accuracy counts rows of logits [N, c] whose arg-max equals the label (rows
// with a negative label are skipped).
func accuracy(logits []float64, labels []int, c int) Count {
	var n Count
	for r, l := range labels {
		if l < 0 {
			continue
		}
		row := logits[r*c : (r+1)*c]
		best := 0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
		}
		n.Count++
		if best == l {
			n.Correct++
		}
	}
	return n
}
