package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/inspect"
	"github.com/attendlab/attend/internal/textlist"
	"github.com/attendlab/attend/runfolder"
)

// dispatch opens the checkpoint and runs the view the flags ask for:
// explain, dump, quick look (positional sentences) or the report.
func dispatch(o *options, stdout, stderr io.Writer) error {
	c, err := inspect.Open(o.checkpoint)
	if err != nil {
		return runfolder.ExplainMissing(err, "--checkpoint", o.checkpoint)
	}
	if o.plots != "" { // before any output: a bad folder should not come after the whole report
		if err := inspect.PlotDir(o.plots); err != nil {
			return err
		}
	}
	switch {
	case o.serve || o.set["html"]:
		return explorer(c, o, stdout, stderr)
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
		word := o.word
		if word == "" {
			var why string
			if word, why, err = c.SharedWord(o.texts); err != nil {
				return err
			}
			fmt.Fprintf(stderr, "following %q, %s (choose another with --word)\n", word, why)
		}
		q, err := c.Quick(word, o.texts)
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

// dump writes --dump-embeddings for the sentences of the command line,
// --sentences or --data: every token, or with --word only that word (in a
// file's sentences, those that contain it).
func dump(c *inspect.Checkpoint, o *options, stderr io.Writer) (err error) {
	var sents []data.Sentence
	switch {
	case len(o.texts) > 0:
		sents, err = c.Sentences(o.texts, o.word)
	case o.set["sentences"]:
		sents, err = c.ReadSentences(o.sentences)
	default:
		_, sents, _, err = c.EvalData(o.data)
	}
	if err == nil && o.word != "" && len(o.texts) == 0 {
		var left []int
		n := len(sents)
		if sents, left, err = withWord(c, sents, o.word); err == nil && len(left) > 0 {
			fmt.Fprintf(stderr, "--word %q: %d of the %d sentences contain it; left out: %s\n", o.word, len(sents), n, numbers(left, 10))
		}
	}
	if err != nil {
		return err
	}
	if err := c.WriteDump(o.dump, sents, o.word != ""); err != nil {
		return err
	}
	noun := "sentences"
	if len(sents) == 1 {
		noun = "sentence"
	}
	fmt.Fprintf(stderr, "wrote %d %s to %s\n", len(sents), noun, o.dump)
	return nil
}

// withWord keeps the sentences that contain word, with it as their target,
// and returns the 1-based numbers of those left out.
func withWord(c *inspect.Checkpoint, sents []data.Sentence, word string) (out []data.Sentence, left []int, err error) {
	for i, s := range sents {
		t, err := c.Sentences([]string{s.Text}, word)
		switch {
		case inspect.LacksWord(err):
			left = append(left, i+1)
		case err != nil:
			return nil, nil, err
		default:
			out = append(out, t...)
		}
	}
	if len(out) == 0 {
		return nil, nil, inspect.Usagef("no sentence contains --word %q", word)
	}
	return out, left, nil
}

// numbers lists "sentence 2, 5, 9" (counted as read, blank lines skipped)
// with at most most numbers ("and N more").
func numbers(ns []int, most int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return "sentence " + textlist.Short(parts, most)
}
