package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/inspect"
)

// dispatch opens the checkpoint and runs the view the flags ask for:
// explain, dump, quick look (positional sentences) or the report.
func dispatch(o *options, stdout, stderr io.Writer) error {
	c, err := inspect.Open(o.checkpoint)
	if err != nil {
		return err
	}
	switch {
	case o.explain != "":
		wt, err := c.Explain(o.explain, o.word, o.layer, o.head)
		if err != nil {
			return err
		}
		if err := wt.Write(stdout); err != nil {
			return err
		}
		return plotSentence(c, o.plots, wt.Sentence, stderr)
	case o.dump != "":
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

// plotSentence writes attention_1.png for a sentence typed by the user.
func plotSentence(c *inspect.Checkpoint, dir string, s data.Sentence, stderr io.Writer) error {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--plots: %w", err)
	}
	path := filepath.Join(dir, "attention_1.png")
	if err := c.PlotAttention(path, s); err != nil {
		return err
	}
	fmt.Fprintln(stderr, "wrote", path)
	return nil
}

// dump writes --dump-embeddings from --sentences or the --data sentences.
func dump(c *inspect.Checkpoint, o *options, stderr io.Writer) (err error) {
	var sents []data.Sentence
	if o.sentences != "" {
		sents, err = c.ReadSentences(o.sentences)
	} else {
		_, sents, _, err = c.EvalData(o.data)
	}
	if err != nil {
		return err
	}
	f, err := os.Create(o.dump)
	if err != nil {
		return fmt.Errorf("--dump-embeddings: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write %s: %w", o.dump, cerr)
		}
	}()
	w := bufio.NewWriter(f)
	if err := c.Dump(w, sents); err != nil {
		return fmt.Errorf("write %s: %w", o.dump, err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", o.dump, err)
	}
	fmt.Fprintf(stderr, "wrote %d sentences to %s\n", len(sents), o.dump)
	return nil
}
