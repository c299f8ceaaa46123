package inspect

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/model"
)

// batchSize is how many sentences go through the model in one run: the
// default training batch. One run per sentence would rebuild nothing but
// would pay the graph's fixed cost per sentence; a batch pays it once.
const batchSize = 32

// tokenRef names one token: position pos of sentence sent.
type tokenRef struct{ sent, pos int }

// forward runs sents through m, m.Batch sentences at a time, and calls
// visit with each sentence's index and its row in the current batch; visit
// reads m.Hidden or m.Attention, which the next batch overwrites.
func forward(m *model.Model, v *data.Vocab, sents []data.Sentence, visit func(i, row int) error) error {
	if len(sents) == 0 {
		return nil
	}
	batches, err := data.Encode(sents, v, nil, m.Batch, m.SeqLen)
	if err != nil {
		return err
	}
	for _, b := range batches {
		if _, err := m.Run(b, false, nil); err != nil {
			return fmt.Errorf("run model: %w", err)
		}
		for row, i := range b.Index {
			if i < 0 {
				continue
			}
			if err := visit(i, row); err != nil {
				return err
			}
		}
	}
	return nil
}

// layerVectors returns every hidden layer's vector of each referenced
// token: out[k][l] is refs[k] in layer l (0 = embedding + position, i =
// output of encoder layer i). Only sentences that some ref names are run.
func layerVectors(m *model.Model, v *data.Vocab, sents []data.Sentence, refs []tokenRef) ([][][]float64, error) {
	bySent := map[int][]int{}
	var used []int
	for k, r := range refs {
		if _, ok := bySent[r.sent]; !ok {
			used = append(used, r.sent)
		}
		bySent[r.sent] = append(bySent[r.sent], k)
	}
	slices.Sort(used)
	sub := make([]data.Sentence, len(used))
	for i, s := range used {
		sub[i] = sents[s]
	}
	out := make([][][]float64, len(refs))
	err := forward(m, v, sub, func(i, row int) error {
		for _, k := range bySent[used[i]] {
			out[k] = make([][]float64, m.Config.Layers+1)
			for l := range out[k] {
				out[k][l] = m.Vector(l, row, refs[k].pos)
			}
		}
		return nil
	})
	return out, err
}

// randomPairs draws n pairs of real tokens from two different sentences,
// seeded, for the anisotropy baseline: how similar unrelated tokens look in
// a representation. It returns nil with fewer than two sentences.
func randomPairs(sents []data.Sentence, n int, seed uint64) [][2]tokenRef {
	if len(sents) < 2 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, 0x70616972)) // "pair"
	pick := func(s int) tokenRef { return tokenRef{s, rng.IntN(len(sents[s].Tokens))} }
	out := make([][2]tokenRef, n)
	for i := range out {
		a := rng.IntN(len(sents))
		b := rng.IntN(len(sents) - 1)
		if b >= a {
			b++ // any sentence but a
		}
		out[i] = [2]tokenRef{pick(a), pick(b)}
	}
	return out
}
