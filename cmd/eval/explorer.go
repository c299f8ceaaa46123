package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/attendlab/attend/explore"
	"github.com/attendlab/attend/inspect"
)

// explorer serves the explorer (--serve) until Ctrl-C, or writes it to one
// file (--html).
func explorer(c *inspect.Checkpoint, o *options, stdout, stderr io.Writer) error {
	e, err := explore.New(c, o.data)
	if err != nil {
		return err
	}
	if o.serve {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		err := e.Serve(ctx, o.addr, stdout, stderr)
		if err == nil {
			fmt.Fprintln(stderr, "stopped")
		}
		return err
	}
	q := explore.Query{Word: o.word, Sentences: o.texts, Layer: 1, Head: 1, Focus: 1}
	if len(q.Sentences) == 0 {
		if q.Sentences, err = e.ExampleSentences(o.word); err != nil {
			return err
		}
	}
	if len(q.Sentences) > explore.MaxSentences {
		return usage("%d sentences: the explorer shows at most %d", len(q.Sentences), explore.MaxSentences)
	}
	var buf bytes.Buffer
	if err := e.WriteHTML(&buf, q); err != nil {
		return err
	}
	err = os.WriteFile(o.html, buf.Bytes(), 0o644)
	if err == nil {
		fmt.Fprintf(stderr, "wrote %s (open it in a browser; typing new sentences needs --serve)\n", o.html)
	}
	return err
}
