package explore

import (
	"os"
	"strings"
	"testing"

	"github.com/attendlab/attend/inspect"
)

// BenchmarkAnalyze is the full answer to one 20-token sentence through the
// handler: all layers and heads, one head's steps, the verdicts. It
// explores ATTEND_CHECKPOINT when set (a trained run, e.g. the default
// one), else a tiny random model.
func BenchmarkAnalyze(b *testing.B) {
	var e *Explorer
	if path := os.Getenv("ATTEND_CHECKPOINT"); path != "" {
		c, err := inspect.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if e, err = New(c, inspect.HeldOut); err != nil {
			b.Fatal(err)
		}
	} else {
		e = newTiny(b)
	}
	words := strings.Fields("on a warm evening the old fisherman sat on the grassy bank of the river and watched the water flow by")
	path := analyzePath("bank", 2, 1, 1, strings.Join(words[:min(20, e.c.MaxLen())], " "))
	h := e.Handler()
	if code, body := get(b, h, "GET", path); code != 200 {
		b.Fatalf("%d %s", code, body)
	}
	b.ReportAllocs()
	for b.Loop() {
		get(b, h, "GET", path)
	}
}
