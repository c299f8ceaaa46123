package main

import (
	"fmt"
	"io"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/inspect"
)

// makeHint is the command that makes the checkpoint eval reads by default.
const makeHint = `make one with "go run ./cmd/train --config configs/bank.yaml"`

// dispatch opens the checkpoint and runs the view the flags ask for:
// explain, dump, quick look (positional sentences) or the report.
func dispatch(o *options, stdout, stderr io.Writer) error {
	c, err := inspect.Open(o.checkpoint)
	if err != nil {
		return fmt.Errorf("%w; %s", err, makeHint)
	}
	switch {
	case o.set["explain"]:
		wt, err := c.Explain(o.explain, o.word, o.layer, o.head)
		if err != nil {
			return err
		}
		if err := wt.Write(stdout); err != nil {
			return err
		}
		return plotSentence(c, o.plots, wt.Sentence, stderr)
	case o.set["dump-embeddings"]:
		return dump(c, o, stderr)
	case len(o.texts) > 0:
		q, err := c.Quick(o.word, o.texts)
		if err != nil {
			return err
		}
		if err := q.Write(stdout); err != nil {
			return err
		}
		return plotSentence(c, o.plots, q.Sentences[0], stderr)
	}
	name, sents, trainSplit, err := c.EvalData(o.data)
	if err != nil {
		return err
	}
	r, err := c.BuildReport(inspect.ReportOptions{DataName: name, Eval: sents, Train: trainSplit, Word: o.word})
	if err != nil {
		return err
	}
	if o.json {
		err = r.WriteJSON(stdout)
	} else {
		err = r.WriteText(stdout)
	}
	if err != nil || o.plots == "" {
		return err
	}
	files, err := c.WritePlots(o.plots, r, sents)
	for _, f := range files {
		fmt.Fprintln(stderr, "wrote", f)
	}
	return err
}

// plotSentence writes --plots for a sentence typed by the user, if asked.
func plotSentence(c *inspect.Checkpoint, dir string, s data.Sentence, stderr io.Writer) error {
	if dir == "" {
		return nil
	}
	path, err := c.PlotSentence(dir, s)
	if err != nil {
		return err
	}
	fmt.Fprintln(stderr, "wrote", path)
	return nil
}

// dump writes --dump-embeddings from --sentences or the --data sentences.
func dump(c *inspect.Checkpoint, o *options, stderr io.Writer) (err error) {
	var sents []data.Sentence
	if o.set["sentences"] {
		sents, err = c.ReadSentences(o.sentences)
	} else {
		_, sents, _, err = c.EvalData(o.data)
	}
	if err != nil {
		return err
	}
	if err := c.WriteDump(o.dump, sents); err != nil {
		return err
	}
	noun := "sentences"
	if len(sents) == 1 {
		noun = "sentence"
	}
	fmt.Fprintf(stderr, "wrote %d %s to %s\n", len(sents), noun, o.dump)
	return nil
}
