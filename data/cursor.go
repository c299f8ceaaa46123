package data

import (
	"fmt"
	"math/rand/v2"
)

// Cursor is a Batcher's position in its stream, JSON-serialisable so a
// training checkpoint can store it and resume with bit-identical batches.
// Seed and Size are not needed to continue but let Restore refuse a cursor
// taken from a batcher over other data or with another seed.
type Cursor struct {
	Epoch int    `json:"epoch"`
	Pos   int    `json:"pos"`
	RNG   []byte `json:"rng"` // masking PCG state (MarshalBinary)
	Seed  uint64 `json:"seed"`
	Size  int    `json:"size"` // number of sentences
}

// Cursor captures everything needed to continue exactly from here.
func (b *Batcher) Cursor() Cursor {
	state, err := b.src.MarshalBinary()
	if err != nil {
		// PCG.MarshalBinary cannot fail; a failure here is a Go bug.
		panic(fmt.Sprintf("data: marshal PCG state: %v", err))
	}
	return Cursor{Epoch: b.epoch, Pos: b.pos, RNG: state, Seed: b.seed, Size: len(b.ex)}
}

// Restore moves b to the position recorded in c. b must have been built
// from the same sentences, vocabulary, batch size and seed as the batcher
// that produced c. On error b is left unchanged.
func (b *Batcher) Restore(c Cursor) error {
	switch {
	case c.Seed != b.seed:
		return fmt.Errorf("restore cursor: seed %d, batcher has %d", c.Seed, b.seed)
	case c.Size != len(b.ex):
		return fmt.Errorf("restore cursor: dataset of %d sentences, batcher has %d", c.Size, len(b.ex))
	case c.Epoch < 0 || c.Pos < 0 || c.Pos >= len(b.ex):
		return fmt.Errorf("restore cursor: position epoch %d pos %d out of range", c.Epoch, c.Pos)
	}
	src := new(rand.PCG)
	if err := src.UnmarshalBinary(c.RNG); err != nil {
		return fmt.Errorf("restore cursor: rng state: %w", err)
	}
	b.src, b.rng = src, rand.New(src)
	b.epoch, b.pos = c.Epoch, c.Pos
	b.order = b.permutation(c.Epoch)
	return nil
}
