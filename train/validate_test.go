package train

import "testing"

// TestValidationCountsEachSentenceOnce: with a held-out count that is not a
// multiple of the batch size, the masked (MLM) validation batches still hold each
// held-out sentence once (the last batch is padded, not wrapped around).
func TestValidationCountsEachSentenceOnce(t *testing.T) {
	tr := newTrainer(t, tiny(t, "train.batch_size=5", "objective=mlm+sense"), Options{Out: t.TempDir()})
	n := len(tr.Data.Heldout)
	if n%5 == 0 {
		t.Fatalf("%d held-out sentences: the test needs a count that is not a multiple of 5", n)
	}
	seen := make([]int, n)
	for _, b := range tr.probe.masked {
		for _, i := range b.Index {
			if i >= 0 {
				seen[i]++
			}
		}
	}
	for i, k := range seen {
		if k != 1 {
			t.Errorf("held-out sentence %d is in the validation batches %d times, want 1", i, k)
		}
	}
}
