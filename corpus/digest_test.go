package corpus

import (
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/attendlab/attend/data"
)

// defaultDigest is the SHA-256 of the default corpus (configs/bank.yaml's
// data section) as digest writes it, recorded when the corpus moved from Go
// literals in package data to the text files here. A change to the
// generator or the files that is meant to keep the corpus must keep it; one
// that changes the corpus on purpose records the new digest here, with the
// reason in its commit.
const defaultDigest = "94103a4d483ed1647b77c74838385d84895905d35a7d2412555bd394fd6f8f3d"

func digest(splits ...[]data.Sentence) string {
	h := sha256.New()
	for _, split := range splits {
		for _, s := range split {
			fmt.Fprintf(h, "%s\t%s\t%d\t%q\n", s.Label(), s.Text, s.Pos, s.Tokens)
		}
		fmt.Fprintln(h, "--")
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestDefaultCorpusDigest(t *testing.T) {
	train, heldout := generate(t, defaultCorpus(t))
	if got := digest(train, heldout); got != defaultDigest {
		t.Errorf("default corpus digest %s, want %s: the corpus changed (if on purpose, record the new digest)", got, defaultDigest)
	}
}
