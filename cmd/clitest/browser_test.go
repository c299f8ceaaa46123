package clitest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser starts headless Chromium (Debian's chromium, as root without its
// sandbox). Without it the test is skipped, except in CI (CI=true), where
// .ci/run installs it and a missing browser is a failure.
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is missing: .ci/run installs it with apt-get")
		}
		t.Skip("no chromium on this machine (apt-get install chromium): the browser test needs it")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.WindowSize(1200, 1000))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	return ctx
}

// js evaluates expression in the page and returns its value.
func js[T any](t *testing.T, ctx context.Context, what, expression string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expression))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// waitPage polls until expression is true in the page.
func waitPage(t *testing.T, ctx context.Context, what, expression string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expression, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		status := js[string](t, ctx, "status", `document.getElementById("status").textContent`)
		t.Fatalf("waiting for %s: %v (status line: %q)", what, err, status)
	}
}

// shot saves a screenshot of the element sel into ATTEND_SCREENSHOTS, when
// set (README's pictures come from here).
func shot(t *testing.T, ctx context.Context, sel, name string) {
	dir := os.Getenv("ATTEND_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("screenshot %s: %v", sel, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestExplorerInBrowser drives the real page in Chromium: it opens a link,
// checks the numbers it shows against the API, types a sentence, clicks a
// token, moves the layer slider and the divisor control, and opens a page
// written by --html from disk.
func TestExplorerInBrowser(t *testing.T) {
	ctx := browser(t)
	checkpoint := "run"
	if v := os.Getenv("ATTEND_LOAD_CHECKPOINT"); v != "" {
		checkpoint, _ = filepath.Abs(v)
	}
	s := serve(t, checkpoint)
	ex := s.examples(t, "bank")
	var senses []string
	for k := range ex {
		senses = append(senses, k)
	}
	slices.Sort(senses)
	if len(senses) < 2 {
		t.Fatalf("examples of %d senses, want 2", len(senses))
	}
	s1, s2 := ex[senses[0]][0], ex[senses[1]][0]
	// A link naming a layer and head the model lacks opens in range, not stuck on an error.
	var m struct{ Layers, Heads int }
	s.getJSON(t, "api/model", &m)
	bad := url.Values{"s": {s1, s2}, "word": {"bank"}, "layer": {"9"}, "head": {"9"}}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"?"+bad.Encode())); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, "a link out of range", `document.querySelectorAll("#cosine-table td").length > 0`)
	if got, want := js[string](t, ctx, "clamped", `document.getElementById("layer").value + "/" + document.getElementById("head").value + " " + location.search.includes("layer=9")`),
		fmt.Sprintf("%d/%d false", m.Layers, m.Heads); got != want {
		t.Errorf("layer=9&head=9 shows layer/head %s, want %s", got, want)
	}
	q := url.Values{"s": {s1, s2}, "word": {"bank"}, "layer": {"1"}, "head": {"2"}, "focus": {"2"}}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"?"+q.Encode())); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, "the cosine table", `document.querySelectorAll("#cosine-table td").length > 0`)

	// The link's view: its sentences, layer, head and focus, with the API's numbers.
	var a analysis
	s.getJSON(t, "api/analyze?"+q.Encode(), &a)
	cells := js[[]string](t, ctx, "cosines", `[...document.querySelectorAll("#cosine-table td")].map(c => c.textContent)`)
	for i, c := range a.Pairs[0].Cos {
		if want := fmt.Sprintf("%.3f", c); i >= len(cells) || cells[i] != want {
			t.Errorf("cosine %d shown %v, API %s", i, cells, want)
		}
	}
	if got := js[string](t, ctx, "head", `document.getElementById("head").value + "/" + document.getElementById("focus").value`); got != "2/2" {
		t.Errorf("head/focus selectors show %s, the link says 2/2", got)
	}
	weights := js[[]string](t, ctx, "weights", `[...document.querySelectorAll("#steps-table td.weight")].map(c => c.textContent)`)
	for j, w := range a.Explain.Weights {
		if want := fmt.Sprintf("%.4f", w); j >= len(weights) || weights[j] != want {
			t.Fatalf("step-by-step weights %v, API %.4f at %d", weights, w, j)
		}
	}
	// The model view opens a layer and head in the head view; hovering a
	// token there keeps only its lines.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#model-view .cell[data-layer="1"][data-head="1"]`))); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, "head 1 opened", `document.getElementById("head").value === "1" && location.search.includes("head=1")`)
	n := len(a.Sentences[1].Tokens)
	shown := js[int](t, ctx, "hover", `(() => { document.querySelector('#head-view .q-token[data-i="0"]').dispatchEvent(new Event("mouseenter"));
		return [...document.querySelectorAll("#head-view line")].filter(l => l.style.display !== "none").length; })()`)
	if shown != n {
		t.Errorf("hovering the first token shows %d lines, want its %d", shown, n)
	}
	js[bool](t, ctx, "unhover", `(() => { document.querySelector('#head-view .q-token[data-i="0"]').dispatchEvent(new Event("mouseleave")); return true; })()`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#model-view .cell[data-layer="1"][data-head="2"]`))); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, "head 2 back", `document.getElementById("head").value === "2" && location.search.includes("head=2") && `+
		`[...document.querySelectorAll("#steps-table td.weight")].map(c => c.textContent).join(" ") === "`+strings.Join(weights, " ")+`"`)
	shot(t, ctx, "#view-sentences", "explorer_sentences.png")
	shot(t, ctx, "#view-attention", "explorer_attention.png")

	// The divisor control: the page's own softmax of the raw scores.
	for _, d := range []struct {
		value string
		div   float64
	}{{"1", 1}, {"dk", float64(a.Explain.DK)}} {
		js[bool](t, ctx, "divisor", `(() => { const r = document.querySelector('input[name=divisor][value="`+d.value+`"]'); r.click(); return r.checked; })()`)
		want := fmt.Sprintf("entropy of the weights: %.3f bits", entropyBits(a.Explain.Raw, d.div))
		if got := js[string](t, ctx, "entropy", `document.getElementById("entropy-line").textContent`); !strings.Contains(got, want) {
			t.Errorf("divisor %s: %q, want %q", d.value, got, want)
		}
	}
	shot(t, ctx, "#view-steps", "explorer_steps.png")

	// The layer slider of the senses map.
	reps := js[int](t, ctx, "slider", `(() => { const r = document.getElementById("rep"); r.value = 0; r.dispatchEvent(new Event("input")); return +r.max + 1; })()`)
	if got := js[string](t, ctx, "map", `document.getElementById("rep-name").textContent`); !strings.HasPrefix(got, "static") || reps < 3 {
		t.Errorf("slider at 0 shows %q (%d representations)", got, reps)
	}
	if got := js[string](t, ctx, "url", `location.search`); !strings.Contains(got, "rep=0") {
		t.Errorf("the address does not follow the slider: %s", got)
	}
	js[bool](t, ctx, "slider", `(() => { const r = document.getElementById("rep"); r.value = r.max; r.dispatchEvent(new Event("input")); return true; })()`)
	shot(t, ctx, "#view-map", "explorer_map.png")

	// Typing a sentence (one with markup, which must show as text) and clicking a token.
	xss := `<img src=x onerror=alert(1)> by the bank`
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#sentences"), "\n"+xss), chromedp.Click(chromedp.CSS("#analyze"))); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, "the third sentence", `document.querySelectorAll("#sentence-list li").length === 3`)
	if n := js[int](t, ctx, "markup", `document.querySelectorAll("main img, #sentence-list img").length`); n != 0 {
		t.Errorf("a typed sentence became %d <img> elements", n)
	}
	if got := js[string](t, ctx, "tokens", `document.querySelector("#sentence-list li:nth-child(3)").textContent`); !strings.Contains(got, "img") {
		t.Errorf("third sentence shows %q", got)
	}
	tok := a.Sentences[0].Tokens[0]
	if tok == "bank" {
		tok = a.Sentences[0].Tokens[1]
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#sentence-list li:nth-child(1) button[data-token="`+tok+`"]`))); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, "the clicked word", `document.getElementById("word").value === "`+tok+`" && document.querySelector(".token.target").textContent === "`+tok+`"`)
	if got := js[string](t, ctx, "url", `location.search`); !strings.Contains(got, "word="+url.QueryEscape(tok)) {
		t.Errorf("the address does not follow the clicked word: %s", got)
	}
	waitPage(t, ctx, "the training table", `document.querySelectorAll("#training-table td").length > 0`)
	shot(t, ctx, "#view-training", "explorer_training.png")

	// The page as one file, opened from disk.
	html := filepath.Join(t.TempDir(), "bank.html")
	r := runBin(fixture, "eval", "--checkpoint", checkpoint, "--html", html, "--word", "bank", s1, s2)
	if r.code != 0 {
		t.Fatalf("eval --html: exit %d\n%s", r.code, r.out)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+html)); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, "the saved page's cosines", `document.querySelectorAll("#cosine-table td").length > 0`)
	cells2 := js[[]string](t, ctx, "saved cosines", `[...document.querySelectorAll("#cosine-table td")].map(c => c.textContent)`)
	if strings.Join(cells2, " ") != strings.Join(cells, " ") {
		t.Errorf("saved page's cosines %v, served %v", cells2, cells)
	}
	js[bool](t, ctx, "saved head", `(() => { const h = document.getElementById("head"); h.value = 2; h.dispatchEvent(new Event("change")); return true; })()`)
	waitPage(t, ctx, "the saved page's steps", `document.querySelectorAll("#steps-table td.weight").length > 0`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#analyze"))); err != nil {
		t.Fatal(err)
	}
	if got := js[string](t, ctx, "saved status", `document.getElementById("status").textContent`); !strings.Contains(got, "--serve") {
		t.Errorf("Analyze on a saved page says %q, want a note that it needs --serve", got)
	}
}
