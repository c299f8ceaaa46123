package data

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// MaskConfig is the BERT masking recipe. Each real token is chosen for the
// MLM loss with probability Prob; a chosen token becomes [MASK] 80% of the
// time, a random ordinary word (never a special id) 10% of the time, and
// stays unchanged 10% of the time. Padding is never chosen. The target word
// may be chosen like any other token, as in plain BERT: the sense task
// reads its contextual vector, which is still defined when its input is
// [MASK]. With Prob 0 nothing is masked and every label is IgnoreLabel.
//
// UnkProb is word dropout, applied first: each real token other than the
// target becomes [UNK] with that probability, so that the model learns to
// read a sense from the words it knows around words it does not.
//
// MaxPerBatch, when positive, caps the tokens chosen in one batch: a token
// drawn once the batch holds that many stays as it is. A model whose
// masked-LM head reads only the masked rows (model.Options.MaxMaskedRows) is
// built for that many; MaxMasked gives a cap a batch all but never meets.
type MaskConfig struct {
	Prob, UnkProb float64
	MaxPerBatch   int
}

// MaxMasked is a cap on the tokens chosen in a batch of n positions at
// probability prob: twice the expected count and 16 more (for n = 640 at
// 0.15, 208, about twelve standard deviations above the mean), n at most.
func MaxMasked(n int, prob float64) int {
	return min(n, int(math.Ceil(2*prob*float64(n)))+16)
}

// Shares of chosen tokens replaced by [MASK] and by a random word.
const (
	maskShare   = 0.8
	randomShare = 0.1
)

// Stream selectors for the batcher's PCG sources.
const (
	maskStream    = 0x6d61736b // "mask"
	shuffleStream = 0x73687566 // "shuf"
)

// Batcher is an endless stream of masked training batches. The order of
// each epoch is a permutation that depends only on the seed and the epoch
// number, and masking draws from one PCG source, so (epoch, position, PCG
// state) in a Cursor is enough to resume exactly.
type Batcher struct {
	ex       []example
	vocabLen int
	batch    int
	maxLen   int
	mask     MaskConfig
	seed     uint64

	src   *rand.PCG
	rng   *rand.Rand
	epoch int
	pos   int   // next position in order
	order []int // permutation of the current epoch
}

// NewBatcher validates and encodes sents (see Encode for the meaning of
// senseLabels and maxLen; a sentence longer than maxLen is an error naming
// it, never split) and returns a batcher positioned at the start of epoch 0.
func NewBatcher(sents []Sentence, v *Vocab, senseLabels []string, batch, maxLen int, mask MaskConfig, seed uint64) (*Batcher, error) {
	if math.IsNaN(mask.Prob) || mask.Prob < 0 || mask.Prob > 1 {
		return nil, fmt.Errorf("new batcher: mask probability %v, want 0 to 1", mask.Prob)
	}
	if math.IsNaN(mask.UnkProb) || mask.UnkProb < 0 || mask.UnkProb >= 1 {
		return nil, fmt.Errorf("new batcher: word dropout %v, want 0 to below 1", mask.UnkProb)
	}
	if mask.MaxPerBatch < 0 {
		return nil, fmt.Errorf("new batcher: at most %d masked tokens a batch, want 0 (no cap) or more", mask.MaxPerBatch)
	}
	if v != nil && v.Len() <= numSpecial {
		return nil, fmt.Errorf("new batcher: vocabulary has no words besides the specials")
	}
	ex, err := prepare(sents, v, senseLabels, batch, maxLen)
	if err != nil {
		return nil, fmt.Errorf("new batcher: %w", err)
	}
	src := rand.NewPCG(seed, maskStream)
	b := &Batcher{
		ex: ex, vocabLen: v.Len(), batch: batch, maxLen: maxLen, mask: mask, seed: seed,
		src: src, rng: rand.New(src),
	}
	b.order = b.permutation(0)
	return b, nil
}

// permutation returns the sentence order of an epoch.
func (b *Batcher) permutation(epoch int) []int {
	return rand.New(rand.NewPCG(b.seed^shuffleStream, uint64(epoch))).Perm(len(b.ex))
}

// Next returns the next B sentences of the shuffled stream, masked. A batch
// that runs past the end of an epoch continues with the next epoch's
// (reshuffled) order.
func (b *Batcher) Next() Batch {
	bt := newBatch(b.batch, b.maxLen)
	for r := 0; r < b.batch; r++ {
		idx := b.order[b.pos]
		setRow(&bt, r, idx, b.ex[idx])
		b.maskRow(&bt, r, len(b.ex[idx].ids))
		b.pos++
		if b.pos == len(b.order) {
			b.epoch++
			b.pos = 0
			b.order = b.permutation(b.epoch)
		}
	}
	return bt
}

// maskRow applies MaskConfig to the first n (real) tokens of row r.
func (b *Batcher) maskRow(bt *Batch, r, n int) {
	off := r * bt.T
	if b.mask.UnkProb > 0 {
		for j := 0; j < n; j++ {
			if j != bt.Target[r] && b.rng.Float64() < b.mask.UnkProb {
				bt.IDs[off+j] = UnkID
			}
		}
	}
	if b.mask.Prob == 0 {
		return
	}
	chosen := 0 // in the rows before this one, when a cap needs it
	if b.mask.MaxPerBatch > 0 {
		for _, l := range bt.Labels[:off] {
			if l != IgnoreLabel {
				chosen++
			}
		}
	}
	for j := off; j < off+n; j++ {
		// A hidden word's [MASK] (Sentence.Hidden) is no word to predict.
		// Only such sentences hold MaskID here, so other draws are unchanged.
		if bt.IDs[j] == MaskID {
			continue
		}
		if b.rng.Float64() >= b.mask.Prob {
			continue
		}
		if b.mask.MaxPerBatch > 0 && chosen == b.mask.MaxPerBatch {
			continue // the batch is full
		}
		chosen++
		bt.Labels[j] = bt.IDs[j]
		switch u := b.rng.Float64(); {
		case u < maskShare:
			bt.IDs[j] = MaskID
		case u < maskShare+randomShare:
			bt.IDs[j] = numSpecial + b.rng.IntN(b.vocabLen-numSpecial)
		}
	}
}

// EncodeMasked is Encode with masking: one pass over sents in dataset order,
// each sentence exactly once, masked as a Batcher with this seed masks. The
// last batch is filled up with padding-only rows, which take no part in any
// loss, so a validation loss counts every sentence once.
func EncodeMasked(sents []Sentence, v *Vocab, senseLabels []string, batch, maxLen int, mask MaskConfig, seed uint64) ([]Batch, error) {
	b, err := NewBatcher(sents, v, senseLabels, batch, maxLen, mask, seed)
	if err != nil {
		return nil, err
	}
	out, err := Encode(sents, v, senseLabels, batch, maxLen)
	if err != nil {
		return nil, err
	}
	for i := range out {
		for r, idx := range out[i].Index {
			if idx >= 0 {
				b.maskRow(&out[i], r, len(b.ex[idx].ids))
			}
		}
	}
	return out, nil
}

// Len returns the number of sentences in the dataset.
func (b *Batcher) Len() int { return len(b.ex) }
