package explore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Saved is what a page written to a file carries instead of asking a server.
type Saved struct {
	Model    *ModelInfo `json:"model"`
	Analysis *Analysis  `json:"analysis"`
	Map      *SenseMap  `json:"map"`
	Training *Training  `json:"training"`
}

// WriteHTML writes the page as one self-contained file for q's sentences:
// style, script and data inside, nothing loaded from the network. The data
// holds every layer and head for every sentence, so the page's selectors
// work from disk; typing new sentences there needs eval --serve.
func (e *Explorer) WriteHTML(w io.Writer, q Query) error {
	a, err := e.Analyze(q)
	if err != nil {
		return err
	}
	if err := e.explainAll(a); err != nil {
		return err
	}
	sm, err := e.SenseMap(a.Word)
	if err != nil {
		return err
	}
	t, err := e.Training()
	if err != nil {
		return err
	}
	m := e.Model()
	m.Served = false
	blob, err := json.Marshal(Saved{Model: m, Analysis: a, Map: sm, Training: t}) // escapes <, > and &: safe inside <script>
	if err != nil {
		return err
	}
	html, err := page.ReadFile("page/index.html")
	if err != nil {
		return err
	}
	css, err := page.ReadFile("page/style.css")
	if err != nil {
		return err
	}
	js, err := page.ReadFile("page/app.js")
	if err != nil {
		return err
	}
	if bytes.Contains(js, []byte("</script")) || bytes.Contains(css, []byte("</style")) {
		return fmt.Errorf("explore: the page's script or style would close its own tag")
	}
	out := strings.Replace(string(html), `<link rel="stylesheet" href="style.css">`, "<style>\n"+string(css)+"</style>", 1)
	out = strings.Replace(out, `<script src="app.js"></script>`,
		`<script id="attend-data" type="application/json">`+string(blob)+"</script>\n<script>\n"+string(js)+"</script>", 1)
	if strings.Contains(out, `src="app.js"`) || strings.Contains(out, `href="style.css"`) {
		return fmt.Errorf("explore: the page's links to its script and style were not inlined")
	}
	_, err = io.WriteString(w, out)
	return err
}
