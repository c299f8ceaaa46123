// Package model assembles the whole encoder from the layers, top to bottom:
//
//	x      = embed(ids) + pos[:T]            static word vectors plus word order
//	h_i    = encoder layer i (x or h_{i-1})  self-attention makes them contextual
//	logits = mlm_head(h_L)                   guess the masked words
//	sense  = sense_head(h_L[target])         tell the senses of the target word apart
//
// and its loss: the sum of the trained heads' losses (objective.go: each head
// and its loss is one unit). A head is built only when the Config asks for
// it, so a sense run neither trains nor saves a masked-LM head. When a
// step's one head reads a few rows of h_L (the targets, the masked words),
// the last layer computes only those rows (RowsHead). A Model is one graph
// built for a fixed batch and sequence length.
package model

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/layers"
)

// Config is the model's shape and the sizes the data gives.
type Config struct {
	arch.Shape      // the config file's model section
	Vocab      int  // vocabulary size V
	Senses     int  // classes of the sense head; 0 = no sense head
	MLMHead    bool // build the masked-LM head [V, D]
}

// Validate reports impossible values: the shape by its rules (arch.Shape's
// Problems, their one home), and the sizes the data gives.
func (c Config) Validate() error {
	switch {
	case c.Vocab < 4:
		return fmt.Errorf("model: vocabulary of %d words: want at least 4 (3 specials and a word)", c.Vocab)
	case c.Senses < 0:
		return fmt.Errorf("model: %d senses", c.Senses)
	}
	if err := c.Shape.Validate(); err != nil {
		return fmt.Errorf("model: %w", err)
	}
	return nil
}

// Options say how to build the graph.
type Options struct {
	Dtype graph.Dtype // graph.Float32 to train (the default), graph.Float64 for checks
	Seed  uint64      // parameter initialisation
	// Loss names the heads whose losses are trained (Spec.Name: "mlm",
	// "sense"); each needs its head in the Config.
	Loss []string
	// Weights are the weights of a head's optional terms by name: a
	// positive "contrast" adds the contrastive sense term.
	Weights map[string]float64
	// EmbedStd is the std of the word embedding's initial normal values;
	// 0 means 1, nn.Embedding's.
	EmbedStd float64
	Grad     bool // build the backward pass
	Observe  bool // keep every layer's vectors and attention for inspection
	// MaxParams, when positive, is the most parameter values the model may
	// have: New fails before allocating past it (a file's claimed shape).
	MaxParams int
	// MaxMaskedRows, when positive, is the most masked positions a batch
	// holds (data.MaskConfig.MaxPerBatch): the masked-LM head then scores
	// only the masked rows, gathered, and Logits holds min(MaxMaskedRows,
	// B*T) rows (see Logits).
	MaxMaskedRows int
}

// Names of the model's own parameter groups; layers name what is inside.
// The heads' are exported for modelfile, which reads files with or without them.
const (
	embedName     = "embed"
	encoderName   = "encoder"
	posName       = "pos"
	MLMHeadName   = "mlm_head"
	SenseHeadName = "sense_head"
)

// Model is the encoder, its heads and its loss in one graph.
type Model struct {
	Config Config
	Batch  int
	SeqLen int
	G      *graph.Graph

	Embed     *layers.Embedding
	Pos       *layers.Positions
	Encoder   *layers.Encoder
	MLMHead   *layers.Linear // nil without Config.MLMHead
	SenseHead *layers.Linear // nil without senses

	in    inputs
	out   outputs
	heads []Head // one per registered head, in rank order
	// gathered is the rows input the final vectors hold when the last
	// layer computed only those rows (RowsHead), else nil.
	gathered *graph.Node

	opts  Options           // what New was given, for Resized
	sized map[[2]int]*Model // Resized's models by batch and length
}

// inputs are the nodes of the encoder a batch is fed into; each head has
// its own.
type inputs struct {
	ids, pad *graph.Node
}

// New builds the model for batches of batch sequences of seqLen tokens.
func New(c Config, batch, seqLen int, o Options) (*Model, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if batch < 1 || seqLen < 1 || seqLen > c.MaxLen {
		return nil, fmt.Errorf("model: batch %d, sequence length %d: want batch >= 1 and 1 <= length <= max_len %d", batch, seqLen, c.MaxLen)
	}
	if err := checkLosses(o.Loss); err != nil {
		return nil, err
	}
	if o.Grad && len(o.Loss) == 0 {
		return nil, fmt.Errorf("model: gradients need a loss: name a head in Options.Loss")
	}
	if (o.Dtype == graph.Dtype{}) {
		o.Dtype = graph.Float32
	}
	g, err := graph.New(o.Dtype, rand.New(rand.NewPCG(o.Seed, 0x617474656e64)))
	if err != nil {
		return nil, err
	}
	g.LimitParams(o.MaxParams)
	m := &Model{Config: c, Batch: batch, SeqLen: seqLen, G: g, opts: o}
	if err := m.build(o); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *Model) build(o Options) error {
	c, g, n := m.Config, m.G, m.Batch*m.SeqLen
	var err error
	if m.Embed, err = layers.NewEmbedding(g, embedName, c.Vocab, c.DModel, o.EmbedStd); err != nil {
		return err
	}
	if m.Pos, err = layers.NewPositions(g, posName, c.Positions == arch.Learned, c.MaxLen, c.DModel, m.Batch, m.SeqLen); err != nil {
		return err
	}
	if m.Encoder, err = layers.NewEncoder(g, encoderName, c.Shape); err != nil {
		return err
	}
	// A head left out still draws its initial values (Head.Declare), so a
	// sense run starts from the sense head an mlm+sense run starts from.
	for _, s := range registry {
		h := s.New()
		if err := h.Declare(m, slices.Contains(o.Loss, s.Name)); err != nil {
			return err
		}
		m.heads = append(m.heads, h)
	}

	m.in.ids = g.IntInput("ids", n)
	m.in.pad = g.Input("pad", m.Batch, m.SeqLen)
	m.forward(o)
	var loss *graph.Node
	if o.Grad {
		loss = m.out.loss
	}
	return g.Compile(loss) // reports the first error of forward's ops
}

// forward wires embeddings, encoder, heads and losses. The graph keeps the
// first error of its ops, and Compile reports it.
func (m *Model) forward(o Options) {
	g := m.G
	static := m.Embed.Forward(m.in.ids) // [B*T, D]: the same row for a word wherever it is
	x := m.Pos.Forward(static)
	m.gathered = m.lastRows(o)
	hidden, probs := m.Encoder.ForwardRows(x, m.in.pad, m.gathered, m.Batch)
	h := hidden[len(hidden)-1]
	if o.Observe {
		m.out.layers = append(m.out.layers, g.Watch(x))
		for i := range hidden {
			m.out.layers = append(m.out.layers, g.Watch(hidden[i]))
			m.out.attention = append(m.out.attention, g.Watch(probs[i]))
		}
	}
	// The heads' losses are summed left to right in rank order.
	for i, s := range registry {
		l := m.heads[i].Wire(m, h, slices.Contains(o.Loss, s.Name), o)
		switch {
		case l == nil:
		case m.out.loss == nil:
			m.out.loss = l
		default:
			m.out.loss = g.Add(m.out.loss, l)
		}
	}
	if m.out.loss != nil {
		m.out.lossW = g.Watch(m.out.loss)
	}
}

// lastRows declares the rows inputs of the heads that read rows, and
// returns the rows the last layer can compute alone: those of the one head
// that reads the final vectors, when it reads rows and nothing else reads
// them (no Observe; no dropout, whose masks cover every row). Its other
// rows' queries and feed-forward reach no head, so a step skips them:
// most of the last layer's arithmetic when a head reads one row a sentence.
func (m *Model) lastRows(o Options) *graph.Node {
	alone := !o.Observe && m.Config.Dropout == 0
	var rows *graph.Node
	readers := 0
	for i, s := range registry {
		rh, ok := m.heads[i].(RowsHead)
		if !ok {
			alone = false // a head that may read every row
			continue
		}
		r, reads := rh.Rows(m, slices.Contains(o.Loss, s.Name), o)
		if !reads {
			continue
		}
		readers++
		alone = alone && r != nil
		rows = r
	}
	if !alone || readers != 1 {
		return nil
	}
	return rows
}

// Gather returns the rows of the final vectors h that rows lists: h itself
// when the last layer computed just those rows, else a lookup of them.
func (m *Model) Gather(h, rows *graph.Node) *graph.Node {
	switch {
	case rows == m.gathered:
		return h
	case m.gathered != nil: // h holds other rows than these: a head broke RowsHead's contract
		return m.G.Fail(fmt.Errorf("model: a head gathers rows it did not declare with Rows, after the last layer computed only the declared ones"))
	}
	return m.G.Lookup(h, rows)
}
