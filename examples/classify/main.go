// Command classify reuses attend's encoder for a task of its own: whole-sentence
// sentiment ("the soup was not bad" is positive) with its own head and loss.
// A [CLS] token opens every sentence; after the encoder, its vector is the
// sentence's, and a linear head maps it to the two labels. "not" flips an
// adjective's polarity, which a bag of words cannot express and attention can.
// It trains in seconds on reviews.tsv, shipped beside it, and prints accuracy.
//
//	go run ./examples/classify
package main

import (
	_ "embed"
	"fmt"
	"io"
	"os"
)

//go:embed reviews.tsv
var reviews string

// Hyper-parameters: small enough to train in seconds on two cores.
const (
	steps = 300
	batch = 16
	seed  = 1
	lr    = 0.003
)

func main() {
	if _, err := run(reviews, steps, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "classify:", err)
		os.Exit(1)
	}
}

// run trains on the train split of the TSV text for the given steps and
// returns the accuracy on its test split, reporting progress to w.
func run(tsv string, steps int, w io.Writer) (float64, error) {
	train, test, err := parse(tsv)
	if err != nil {
		return 0, err
	}
	v := newVocab(train)
	c, err := newClassifier(len(v.ids), batch, maxLen(train, test), true)
	if err != nil {
		return 0, err
	}
	if err := c.train(v.encode(train), steps, w); err != nil {
		return 0, err
	}
	// Each split in one batch: a forward-only graph of its size, sharing c's weights.
	acc := func(data []example, wrong *[]int) (float64, error) {
		r, err := c.resized(len(data))
		if err != nil {
			return 0, err
		}
		return r.accuracy(data, wrong)
	}
	trainAcc, err := acc(v.encode(train), nil)
	if err != nil {
		return 0, err
	}
	var wrong []int
	testAcc, err := acc(v.encode(test), &wrong)
	if err != nil {
		return 0, err
	}
	fmt.Fprintf(w, "accuracy: train %.1f%% (%d sentences), test %.1f%% (%d sentences)\n", 100*trainAcc, len(train), 100*testAcc, len(test))
	for _, i := range wrong {
		fmt.Fprintf(w, "  missed: %q is %s\n", test[i].text, labels[test[i].label])
	}
	return testAcc, nil
}
