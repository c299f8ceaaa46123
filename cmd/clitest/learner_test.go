package clitest

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestExplorerLearnerTrial replays what a learner's trial of the served
// page found wrong (issue 17's review): each step opens a link, clicks or
// types, and waits for what the page must then show.
func TestExplorerLearnerTrial(t *testing.T) {
	ctx := browser(t)
	s := serve(t, "run")
	ex := s.examples(t, "bank")
	var s1, s2 string
	for _, texts := range ex {
		if s1 == "" {
			s1 = texts[0]
		} else if s2 == "" {
			s2 = texts[0]
		}
	}
	var a analysis
	s.getJSON(t, "api/analyze?"+url.Values{"s": {s1}, "word": {"bank"}}.Encode(), &a)
	other := a.Sentences[0].Tokens[0] // a word without a senses map
	if other == "bank" {
		other = a.Sentences[0].Tokens[1]
	}
	link := func(v url.Values) string { return s.url + "?" + v.Encode() }
	// submit types text into the sentence box and asks for it.
	submit := func(text string) string {
		return `(() => { document.getElementById("sentences").value = ` + strconv.Quote(text) + `;
			document.getElementById("status").textContent = "pending"; document.getElementById("analyze").click(); return true; })()`
	}
	const answered = `!["pending", "Analyzing…"].includes(document.getElementById("status").textContent)`
	const status = `document.getElementById("status").textContent`
	for _, st := range []struct {
		what, open, do, want string
	}{
		{what: "the cosine table is colored as well as numbered (the server's CSP allows no style attributes)",
			open: link(url.Values{"s": {s1, s2}, "word": {"bank"}}),
			want: `document.querySelectorAll("#cosine-table td").length > 0 && ` +
				`getComputedStyle(document.querySelector("#cosine-table td")).backgroundColor !== "rgba(0, 0, 0, 0)"`},
		{what: "following a word without a map leaves none of bank's map numbers",
			do: `(() => { document.querySelector('#sentence-list li:nth-child(1) button[data-token="` + other + `"]').click(); return true; })()`,
			want: `document.getElementById("word").value === "` + other + `" && document.getElementById("map-message").textContent !== "" && ` +
				`document.getElementById("score-table").textContent === "" && document.getElementById("map-table").textContent === "" && ` +
				`document.getElementById("rep-name").textContent === ""`},
		{what: "one sentence: the note that there is nothing to compare reads on one line",
			open: link(url.Values{"s": {s1}}),
			want: `(() => { const c = document.querySelector("#cosine-table caption");
				return c !== null && c.textContent.startsWith("one sentence") && c.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(c).fontSize); })()`},
		{what: "a link carries the divisor: div=1 opens the steps divided by 1",
			open: link(url.Values{"s": {s1, s2}, "div": {"1"}}),
			want: `document.querySelector('input[name=divisor][value="1"]').checked && ` +
				`document.getElementById("entropy-line")?.textContent.includes("with ÷ 1 (")`},
		{what: "choosing another divisor changes the link",
			do:   `(() => { document.querySelector('input[name=divisor][value="dk"]').click(); return true; })()`,
			want: `location.search.includes("div=dk")`},
		{what: "training: a loss equal to another at every step is one line named for both, not one hidden under the other",
			want: `(() => { const p = [...document.querySelectorAll("#training-chart polyline")].map(l => l.getAttribute("points"));
				return p.length > 0 && new Set(p).size === p.length && document.getElementById("training-table").textContent.includes("eval val_loss = val_sense_loss"); })()`},
		{what: "a pasted text of 27,000 characters gets the server's limit, not a JSON parse error",
			do:   submit(strings.Repeat("the bank ", 3000)),
			want: answered + ` && ` + status + `.includes("at most 300")`},
		{what: "a text too long for the server's headers gets net/http's refusal as text",
			do:   submit(strings.Repeat("the bank ", 20000)),
			want: answered + ` && ` + status + `.includes("431") && !/JSON|token/.test(` + status + `)`},
	} {
		if st.open != "" {
			if err := chromedp.Do(ctx, chromedp.Navigate(st.open)); err != nil {
				t.Fatal(err)
			}
		}
		if st.do != "" {
			js[bool](t, ctx, st.what, st.do)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](st.want, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Errorf("%s: %v (status line: %q)", st.what, err, js[string](t, ctx, "status", status))
		}
	}
}
