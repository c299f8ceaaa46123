package explore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/inspect"
)

// get asks the explorer's handler for path and returns the status and body.
func get(t testing.TB, h http.Handler, method, path string) (int, []byte) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return rec.Code, rec.Body.Bytes()
}

// analyzePath is the API path of a query.
func analyzePath(word string, layer, head, focus int, sents ...string) string {
	v := url.Values{"s": sents}
	if word != "" {
		v.Set("word", word)
	}
	v.Set("layer", fmt.Sprint(layer))
	v.Set("head", fmt.Sprint(head))
	v.Set("focus", fmt.Sprint(focus))
	return "/api/analyze?" + v.Encode()
}

// TestAnalyzeAgreesWithCommandLine: the API's numbers are the command
// line's: the step-by-step view prints as --explain does, the cosines as
// the quick look does, and the map's scores are eval --json's rows.
func TestAnalyzeAgreesWithCommandLine(t *testing.T) {
	e := newTiny(t)
	h := e.Handler()
	s1, s2 := e.examples[0].Text, e.examples[len(e.examples)-1].Text
	for _, lh := range [][2]int{{1, 1}, {2, 2}} {
		code, body := get(t, h, "GET", analyzePath("bank", lh[0], lh[1], 2, s1, s2))
		if code != 200 {
			t.Fatalf("status %d: %s", code, body)
		}
		var a Analysis
		if err := json.Unmarshal(body, &a); err != nil {
			t.Fatal(err)
		}
		wt, err := e.c.Explain(s2, "bank", lh[0], lh[1])
		if err != nil {
			t.Fatal(err)
		}
		var text bytes.Buffer
		if err := wt.Write(&text); err != nil {
			t.Fatal(err)
		}
		x := a.Explain
		if x.Sentence != 2 || x.Layer != lh[0] || x.Head != lh[1] {
			t.Fatalf("explain of sentence %d layer %d head %d, want 2 %d %d", x.Sentence, x.Layer, x.Head, lh[0], lh[1])
		}
		var want []string
		for j := range x.Raw {
			want = append(want, fmt.Sprintf("%.3f", x.Raw[j]), fmt.Sprintf("%.3f", x.Scaled[j]), fmt.Sprintf("%.4f", x.Weights[j]),
				fmt.Sprintf("%.4f", x.Model[j]), headN(x.K[j], keyShown))
		}
		want = append(want, fmt.Sprintf("%.3f with the division by sqrt(d_k), %.3f without it", x.EntropyNorm, x.EntropyRaw),
			headN(x.X, 6), headN(x.Q, 6), headN(x.Out, 6))
		for _, w := range want {
			if !strings.Contains(text.String(), w) {
				t.Errorf("layer %d head %d: --explain does not print the API's %q:\n%s", lh[0], lh[1], w, text.String())
			}
		}
		q, err := e.c.Quick("bank", []string{s1, s2})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Pairs) != 1 || len(a.Pairs[0].Cos) != len(q.Pairs[0].Cos) {
			t.Fatalf("pairs %+v, quick look %+v", a.Pairs, q.Pairs)
		}
		for i, c := range q.Pairs[0].Cos {
			if a.Pairs[0].Cos[i] != c {
				t.Errorf("cosine %s: API %v, quick look %v", q.Reps[i], a.Pairs[0].Cos[i], c)
			}
		}
	}
	name, evalSents, train, err := e.c.EvalData(inspect.HeldOut)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.c.BuildReport(inspect.ReportOptions{DataName: name, Eval: evalSents, Train: train, Word: "bank"})
	if err != nil {
		t.Fatal(err)
	}
	var want, got bytes.Buffer
	json.NewEncoder(&want).Encode(r.Results)
	_, body := get(t, h, "GET", "/api/map?word=bank")
	var sm SenseMap
	if err := json.Unmarshal(body, &sm); err != nil {
		t.Fatal(err)
	}
	json.NewEncoder(&got).Encode(sm.Scores)
	if want.String() != got.String() {
		t.Errorf("map scores differ from eval --json's:\n api %s\njson %s", got.String(), want.String())
	}
}

// headN is the walkthrough's vector format, restated for the comparison.
func headN(v []float64, n int) string {
	parts := []string{}
	for _, x := range v[:min(n, len(v))] {
		parts = append(parts, fmt.Sprintf("%.3f", x))
	}
	if len(v) > n {
		parts = append(parts, "...")
	}
	return "[" + strings.Join(parts, " ") + "]"
}

const keyShown = 3

func TestHandlerErrors(t *testing.T) {
	e := newTiny(t)
	h := e.Handler()
	s := e.examples[0].Text
	nine := make([]string, MaxSentences+1)
	for i := range nine {
		nine[i] = s
	}
	emoji := make([]string, MaxSentences) // as many sentences as allowed, each as long as allowed, 12 bytes a character once encoded
	for i := range emoji {
		emoji[i] = strings.Repeat("🏦", MaxChars-len(" bank")) + " bank"
	}
	tests := []struct {
		name, method, path string
		code               int
		want               string
	}{
		{"no sentence", "GET", "/api/analyze?word=bank", 400, "no sentence"},
		{"too many", "GET", analyzePath("bank", 1, 1, 1, nine...), 400, "at most 8"},
		{"too long", "GET", analyzePath("bank", 1, 1, 1, strings.Repeat("bank ", 61)), 400, "at most 300"},
		{"longer than max_len", "GET", analyzePath("bank", 1, 1, 1, strings.Repeat("the bank ", 30)), 400, "max_len"},
		{"layer 0", "GET", "/api/analyze?s=the+bank&layer=0", 400, "layer"},
		{"layer 9", "GET", analyzePath("bank", 9, 1, 1, s), 400, "layers 1 to 2"},
		{"head 3", "GET", analyzePath("bank", 1, 3, 1, s), 400, "heads 1 to 2"},
		{"word absent", "GET", analyzePath("zebra", 1, 1, 1, s), 400, "zebra"},
		{"not a number", "GET", "/api/analyze?s=the+bank&head=two", 400, "head"},
		{"map without word", "GET", "/api/map", 400, "word"},
		{"map of two words", "GET", "/api/map?word=bank+river", 400, "one word"},
		{"unknown path", "GET", "/etc/passwd", 404, ""},
		{"file name", "GET", "/page/app.js", 404, ""},
		{"post", "POST", "/api/analyze?s=the+bank", 405, ""},
		{"huge query", "GET", "/api/analyze?s=" + strings.Repeat("a", maxQuery+1), 414, "query"},
		{"emoji at the limits", "GET", analyzePath("bank", 1, 1, 1, emoji...), 200, `"word":"bank"`},
		{"two words", "GET", analyzePath("river bank", 1, 1, 1, s), 400, "single word"},
		{"no shared word", "GET", analyzePath("", 1, 1, 1, "qqq", "zzz"), 400, "Word box"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := get(t, h, tt.method, tt.path)
			if code != tt.code || !strings.Contains(string(body), tt.want) {
				t.Errorf("%s %s: %d %s, want %d with %q", tt.method, tt.path[:min(60, len(tt.path))], code, body, tt.code, tt.want)
			}
			if tt.code == 400 || tt.code == 414 {
				var m map[string]string
				if err := json.Unmarshal(body, &m); err != nil || m["error"] == "" {
					t.Errorf("a %d is JSON {\"error\": ...}: %s", tt.code, body)
				}
				if strings.Contains(m["error"], "--word") {
					t.Errorf("the page has no --word flag: %s", m["error"])
				}
			}
		})
	}
}

// TestSkipsAndEscapes: a sentence without the word is skipped with a note
// and comes back as JSON text, never markup.
func TestSkipsAndEscapes(t *testing.T) {
	e := newTiny(t)
	xss := `<img src=x onerror=alert(1)>`
	code, body := get(t, e.Handler(), "GET", analyzePath("bank", 1, 1, 1, e.examples[0].Text, xss))
	if code != 200 {
		t.Fatalf("status %d: %s", code, body)
	}
	if bytes.Contains(body, []byte("<img")) || !bytes.Contains(body, []byte(`\u003cimg`)) {
		t.Errorf("the sentence is not escaped in JSON: %s", body)
	}
	var a Analysis
	if err := json.Unmarshal(body, &a); err != nil {
		t.Fatal(err)
	}
	if len(a.Sentences) != 1 || len(a.Skipped) != 1 || a.Skipped[0].Text != xss || !strings.Contains(a.Skipped[0].Why, "bank") {
		t.Errorf("sentences %d, skipped %+v: want the second skipped for lacking bank", len(a.Sentences), a.Skipped)
	}
}

// TestAnalysisShapes: attention rows are distributions over the sentence's
// tokens, for every layer and head, and the verdict names a sense.
func TestAnalysisShapes(t *testing.T) {
	e := newTiny(t)
	a, err := e.Analyze(Query{Word: "bank", Sentences: []string{e.examples[0].Text}, Layer: 1, Head: 1, Focus: 5})
	if err != nil {
		t.Fatal(err)
	}
	s := a.Sentences[0]
	if a.Focus != 1 || len(s.Attention) != 2 || len(s.Attention[0]) != 2 || len(s.Map) != len(a.Reps) {
		t.Fatalf("focus %d, attention %d×%d, map %d: want 1, 2×2, %d", a.Focus, len(s.Attention), len(s.Attention[0]), len(s.Map), len(a.Reps))
	}
	for l, layer := range s.Attention {
		for h, rows := range layer {
			for q, row := range rows {
				var sum float64
				for _, w := range row {
					sum += w
				}
				if len(row) != len(s.Tokens) || math.Abs(sum-1) > 1e-5 {
					t.Errorf("layer %d head %d query %d: %d weights summing to %v", l+1, h+1, q, len(row), sum)
				}
			}
		}
	}
	if v := s.Verdict; (v.Head != "river" && v.Head != "finance") || (v.Nearest != "river" && v.Nearest != "finance") || v.Margin < 0 {
		t.Errorf("verdict %+v", v)
	}
}

// TestConcurrentRequests: requests in parallel share the pool of models
// and each gets the answer it would get alone (run under -race in CI).
func TestConcurrentRequests(t *testing.T) {
	e := newTiny(t)
	srv := httptest.NewServer(e.Handler())
	defer srv.Close()
	paths := []string{analyzePath("bank", 1, 1, 1, e.examples[0].Text), analyzePath("bank", 2, 2, 2, e.examples[1].Text, e.examples[9].Text)}
	want := make([][]byte, len(paths))
	for i, p := range paths {
		_, want[i] = get(t, e.Handler(), "GET", p)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for c := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				k := (c + i) % len(paths)
				r, err := http.Get(srv.URL + paths[k])
				if err != nil {
					errs <- err
					return
				}
				body, _ := io.ReadAll(r.Body)
				r.Body.Close()
				if !bytes.Equal(body, want[k]) {
					errs <- fmt.Errorf("client %d request %d: answer differs from the one alone", c, i)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestPageAndAssets(t *testing.T) {
	e := newTiny(t)
	for _, tt := range []struct{ path, ctype, want string }{
		{"/", "text/html", `<script src="app.js">`}, {"/app.js", "text/javascript", "softmaxOver"},
		{"/style.css", "text/css", "body"}, {"/api/model", "application/json", `"layers":2`},
		{"/api/training", "application/json", "bare model file"},
	} {
		rec := httptest.NewRecorder()
		e.Handler().ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), tt.ctype) || !strings.Contains(rec.Body.String(), tt.want) {
			t.Errorf("%s: %d %s, want 200 %s with %q", tt.path, rec.Code, rec.Header().Get("Content-Type"), tt.ctype, tt.want)
		}
	}
}

func TestWriteHTML(t *testing.T) {
	e := newTiny(t)
	sents, err := e.ExampleSentences("bank")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := e.WriteHTML(&buf, Query{Word: "bank", Sentences: sents, Layer: 1, Head: 1, Focus: 1}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{`src="app.js"`, `href="style.css"`, `src="http`, `href="http`, "fetch(\"http", "@import"} {
		if strings.Contains(out, bad) {
			t.Errorf("the saved page refers to %q: it must need nothing but itself", bad)
		}
	}
	start := strings.Index(out, `<script id="attend-data" type="application/json">`)
	if start < 0 {
		t.Fatal("no data in the saved page")
	}
	blob := out[start+len(`<script id="attend-data" type="application/json">`):]
	blob = blob[:strings.Index(blob, "</script>")]
	var saved Saved
	if err := json.Unmarshal([]byte(blob), &saved); err != nil {
		t.Fatal(err)
	}
	if n := len(saved.Analysis.Explains); n != len(sents)*2*2 || saved.Model.Served || saved.Map.Word != "bank" {
		t.Errorf("%d walkthroughs (want %d), served %v, map of %q", n, len(sents)*4, saved.Model.Served, saved.Map.Word)
	}
}

func TestServeStopsAndWarns(t *testing.T) {
	e := newTiny(t)
	for _, tt := range []struct {
		addr string
		warn bool
	}{{"127.0.0.1:0", false}, {"0.0.0.0:0", true}} {
		ctx, cancel := context.WithCancel(context.Background())
		var out, warn syncBuffer
		done := make(chan error, 1)
		go func() { done <- e.Serve(ctx, tt.addr, &out, &warn) }()
		for out.String() == "" {
			select {
			case err := <-done:
				t.Fatalf("%s: %v", tt.addr, err)
			default:
			}
		}
		line := out.String()
		if !strings.HasPrefix(line, "serving http://") || strings.HasSuffix(strings.TrimSpace(line), ":0/") {
			t.Errorf("%s: first line %q, want serving http://HOST:PORT/ with the real port", tt.addr, line)
		}
		if got := strings.Contains(warn.String(), "open to the network"); got != tt.warn {
			t.Errorf("%s: warning %q, want one: %v", tt.addr, warn.String(), tt.warn)
		}
		cancel()
		if err := <-done; err != nil {
			t.Errorf("%s: stop: %v", tt.addr, err)
		}
	}
}

// syncBuffer is a bytes.Buffer safe to read while a goroutine writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestTrainingFollowsTheRun: each read sees lines a train appended since,
// and leaves a line still being written for the next read.
func TestTrainingFollowsTheRun(t *testing.T) {
	e := newTiny(t)
	e.runDir = t.TempDir()
	path := filepath.Join(e.runDir, "metrics.jsonl")
	steps := func() []float64 {
		tr, err := e.Training()
		if err != nil {
			t.Fatal(err)
		}
		var out []float64
		for _, r := range tr.Records {
			out = append(out, r["step"].(float64))
		}
		return out
	}
	if got := steps(); len(got) != 0 {
		t.Fatalf("no file yet: %v", got)
	}
	os.WriteFile(path, []byte(`{"kind":"train","step":10,"loss":2}`+"\n"+`{"kind":"train","st`), 0o644)
	if got := steps(); len(got) != 1 || got[0] != 10 {
		t.Errorf("after one whole line and half of another: %v", got)
	}
	os.WriteFile(path, []byte(`{"kind":"train","step":10,"loss":2}`+"\n"+`{"kind":"train","step":20,"loss":1}`+"\n"), 0o644)
	if got := steps(); len(got) != 2 || got[1] != 20 {
		t.Errorf("after the second line: %v", got)
	}
}

// TestAnalyzeWordPiece: with a WordPiece model the page gets pieces ("##"
// continuations) and the target is the word's first piece, not a piece of a
// longer word that starts like it.
func TestAnalyzeWordPiece(t *testing.T) {
	e := newTinyWith(t, true)
	a, err := e.Analyze(Query{Word: "bank", Sentences: []string{"Riverbanks, and the bank.", "the grassy bank"}, Layer: 1, Head: 1, Focus: 1})
	if err != nil {
		t.Fatal(err)
	}
	s := a.Sentences[0]
	if s.Target != len(s.Tokens)-1 || s.Tokens[s.Target] != "bank" || !slices.ContainsFunc(s.Tokens, func(p string) bool { return strings.HasPrefix(p, "##") }) {
		t.Errorf("tokens %q, target %d: want ## pieces and the last token, bank", s.Tokens, s.Target)
	}
	if !slices.Equal(s.Display, s.Tokens) || len(s.Attention[0][0]) != len(s.Tokens) {
		t.Errorf("display %q and %d attention rows for tokens %q", s.Display, len(s.Attention[0][0]), s.Tokens)
	}
}

// TestMapsKeptForExampleWordsOnly: a map is kept per word of the examples
// (read as analyze reads a word: "Banks" is bank's); the words a request may
// name without end get their message afresh.
func TestMapsKeptForExampleWordsOnly(t *testing.T) {
	e := newTiny(t)
	for _, tt := range []struct {
		word    string
		kept    int // maps kept after asking for word
		message bool
	}{{"bank", 1, false}, {"zebra", 1, true}, {"the", 1, true}, {"zebra2", 1, true}, {"bank", 1, false}, {"BANK", 1, false}, {"Banks", 1, false}} {
		code, body := get(t, e.Handler(), "GET", "/api/map?word="+tt.word)
		var sm SenseMap
		if err := json.Unmarshal(body, &sm); code != 200 || err != nil {
			t.Fatalf("%s: %d %s", tt.word, code, body)
		}
		if got := len(e.maps); got != tt.kept || (sm.Message != "") != tt.message {
			t.Errorf("after %s: %d maps kept, message %q; want %d kept, a message: %v", tt.word, got, sm.Message, tt.kept, tt.message)
		}
	}
}

// TestModelHidesTheHiddenWord: a model trained with WordNet's sentences
// (data.wordnet) has "[MASK]:kind" senses; the page's word list offers the
// corpus's words only.
func TestModelHidesTheHiddenWord(t *testing.T) {
	cc := tinyData
	cc.WordNet = 40
	e := newTinyOf(t, cc, false)
	hidden := 0
	for _, l := range e.c.Loaded.File.Senses {
		if w, _ := data.SplitLabel(l); data.HiddenWord(w) {
			hidden++
		}
	}
	if hidden == 0 {
		t.Fatalf("senses %v: no hidden word's kinds, the test checks nothing", e.c.Loaded.File.Senses)
	}
	words := e.Model().Words
	if _, ok := words[data.MaskToken]; ok || len(words) != 1 || len(words["bank"]) != 2 {
		t.Errorf("Model().Words = %v, want bank's two senses only", words)
	}
}

// TestRightFirst: each sense's first example the model gets right takes the
// place of that sense's first example; nothing else moves or is lost.
func TestRightFirst(t *testing.T) {
	ex := func(labels ...string) []data.Sentence {
		var out []data.Sentence
		for i, l := range labels {
			w, s := data.SplitLabel(l)
			out = append(out, data.Sentence{Word: w, Sense: s, Text: fmt.Sprint(i)})
		}
		return out
	}
	tests := []struct {
		name   string
		labels []string
		right  []int
		want   string // texts in order
	}{
		{"all right", []string{"b:r", "b:f", "b:r", "b:f"}, []int{0, 1, 2, 3}, "0 1 2 3"},
		{"first river wrong", []string{"b:r", "b:f", "b:r", "b:f"}, []int{1, 2}, "2 0 1 3"},
		{"none right", []string{"b:r", "b:f", "b:r"}, nil, "0 1 2"},
		{"two words", []string{"b:r", "c:x", "b:r", "c:x", "c:x"}, []int{2, 4}, "2 0 4 1 3"},
	}
	for _, tt := range tests {
		right := map[int]bool{}
		for _, i := range tt.right {
			right[i] = true
		}
		var got []string
		for _, s := range rightFirst(ex(tt.labels...), right) {
			got = append(got, s.Text)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s: order %v, want %s", tt.name, got, tt.want)
		}
	}
}

// TestMapKeepsFileOrder: the maps and their scores read the examples in the
// file's order (eval --json's), whatever order the page offers them in.
func TestMapKeepsFileOrder(t *testing.T) {
	e := newTiny(t)
	name, eval, _, err := e.c.EvalData("")
	if err != nil {
		t.Fatal(err)
	}
	if want := data.Labelled(eval, 0); !slices.EqualFunc(e.examples, want, func(a, b data.Sentence) bool { return a.Text == b.Text }) || name != e.dataName {
		t.Errorf("the map's examples are not the file's, in its order")
	}
}
