package layers

import (
	"fmt"
	"math"

	"github.com/attendlab/attend/graph"
)

// Positions adds word order, which attention alone cannot see: row t of a table
// [maxLen, D] is added to the token at position t. The table is either fixed
// sinusoids (Vaswani et al. 2017) or learned (pos.weight).
type Positions struct {
	g       *graph.Graph
	Learned bool
	Weight  *graph.Param // NAME.weight [maxLen, D] when learned, stored as is
	table   *graph.Node  // the [B*T, D] rows added to the batch
}

// Sinusoidal is the table pe[p, 2i] = sin(p / 10000^(2i/D)), pe[p, 2i+1] = cos(same),
// row-major [maxLen, D]. Each pair of columns is a clock of its own frequency, so
// every position gets a distinct pattern and nearby positions similar ones.
func Sinusoidal(maxLen, d int) []float64 {
	pe := make([]float64, maxLen*d)
	for p := 0; p < maxLen; p++ {
		for i := 0; 2*i < d; i++ {
			angle := float64(p) * math.Exp(float64(2*i)*(-math.Log(10000.0)/float64(d)))
			pe[p*d+2*i] = math.Sin(angle)
			if 2*i+1 < d {
				pe[p*d+2*i+1] = math.Cos(angle)
			}
		}
	}
	return pe
}

// NewPositions builds the position rows for a batch of `batch` sequences of
// length seqLen (<= maxLen). learned declares NAME.weight, N(0, 1) as nn.Embedding.
func NewPositions(g *graph.Graph, name string, learned bool, maxLen, d, batch, seqLen int) (*Positions, error) {
	if seqLen > maxLen {
		return nil, fmt.Errorf("positions: sequence length %d exceeds max_len %d", seqLen, maxLen)
	}
	p := &Positions{g: g, Learned: learned}
	if !learned {
		pe := Sinusoidal(seqLen, d) // rows past seqLen are never used
		for i, v := range pe {
			pe[i] = float64(float32(v)) // PyTorch's TinyEncoder keeps its table in float32
		}
		rows := make([]float64, 0, batch*seqLen*d)
		for b := 0; b < batch; b++ {
			rows = append(rows, pe[:seqLen*d]...)
		}
		p.table = g.Constant(name+".sinusoidal", rows, batch*seqLen, d)
		return p, nil
	}
	w, err := g.NewParam(name+".weight", graph.AsIs, graph.Normal(1), maxLen, d)
	if err != nil {
		return nil, err
	}
	ids := make([]int, batch*seqLen)
	for i := range ids {
		ids[i] = i % seqLen
	}
	posIDs := g.IntConstant(name+".ids", ids)
	p.table = g.Lookup(w.Node(), posIDs)
	p.Weight = w
	return p, nil
}

// Forward adds the position rows to token vectors x [B*T, D].
func (p *Positions) Forward(x *graph.Node) *graph.Node {
	return p.g.Add(x, p.table)
}
