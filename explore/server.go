package explore

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/attendlab/attend/inspect"
)

//go:embed page
var page embed.FS

// maxQuery bounds a request's query string: it holds MaxSentences
// sentences of MaxChars characters even when each character takes 4 bytes
// of UTF-8 and each byte 3 when percent-encoded (an emoji), with room for
// the other keys.
const maxQuery = MaxSentences*MaxChars*4*3 + 4<<10

// Handler serves the page and its API. Requests name no files: the
// checkpoint and the data were chosen when the explorer was made.
func (e *Explorer) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", asset("page/index.html", "text/html; charset=utf-8"))
	mux.HandleFunc("GET /app.js", asset("page/app.js", "text/javascript; charset=utf-8"))
	mux.HandleFunc("GET /style.css", asset("page/style.css", "text/css; charset=utf-8"))
	mux.HandleFunc("GET /api/model", func(w http.ResponseWriter, r *http.Request) { reply(w, e.Model(), nil) })
	mux.HandleFunc("GET /api/analyze", func(w http.ResponseWriter, r *http.Request) {
		q, err := ParseQuery(r.URL.Query())
		if err != nil {
			reply(w, nil, inspect.Usagef("%v", err))
			return
		}
		a, err := e.Analyze(q)
		reply(w, a, pageWords(err))
	})
	mux.HandleFunc("GET /api/map", func(w http.ResponseWriter, r *http.Request) {
		word, err := e.mapWord(r.URL.Query().Get("word"))
		if err != nil {
			reply(w, nil, err)
			return
		}
		sm, err := e.SenseMap(word)
		reply(w, sm, err)
	})
	mux.HandleFunc("GET /api/training", func(w http.ResponseWriter, r *http.Request) {
		t, err := e.Training()
		reply(w, t, err)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
		if len(r.URL.RawQuery) > maxQuery {
			replyError(w, http.StatusRequestURITooLong, fmt.Sprintf("query of %d bytes: at most %d (at most %d sentences of %d characters)",
				len(r.URL.RawQuery), maxQuery, MaxSentences, MaxChars))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 0) // GET only: no body
		mux.ServeHTTP(w, r)
	})
}

// pageWords renames the command line's --word, which inspect's messages
// name, to what the page calls it (a link says word=).
func pageWords(err error) error {
	if !errors.As(err, new(*inspect.UsageError)) {
		return err
	}
	msg := strings.ReplaceAll(err.Error(), "with --word", "in the Word box")
	return inspect.Usagef("%s", strings.ReplaceAll(msg, "--word ", "word "))
}

func asset(name, ctype string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := page.ReadFile(name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", ctype)
		w.Write(b)
	}
}

// reply writes v as JSON, or err as {"error": "..."}: 400 for a mistake in
// the request (inspect.UsageError), 500 for anything else.
func reply(w http.ResponseWriter, v any, err error) {
	if err != nil {
		code := http.StatusInternalServerError
		if errors.As(err, new(*inspect.UsageError)) {
			code = http.StatusBadRequest
		}
		replyError(w, code, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}

// replyError writes {"error": msg} with status code.
func replyError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

// Serve listens on addr and serves the explorer until ctx is done, then
// shuts down, letting requests in flight finish. Its first line on out is
// "serving http://HOST:PORT/" with the real port (addr may ask for port 0);
// an address other than loopback gets a warning on warn first.
func (e *Explorer) Serve(ctx context.Context, addr string, out, warn io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	tcp := ln.Addr().(*net.TCPAddr)
	if !tcp.IP.IsLoopback() {
		fmt.Fprintf(warn, "warning: %s is open to the network: anyone who can reach it can use the explorer (use 127.0.0.1 to keep it on this machine)\n", ln.Addr())
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	fmt.Fprintf(out, "serving http://%s/\n", net.JoinHostPort(host, fmt.Sprint(tcp.Port)))
	srv := &http.Server{Handler: e.Handler(), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 60 * time.Second, MaxHeaderBytes: 2 * maxQuery}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	go e.warm()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	<-done
	return nil
}

// warm builds every sense word's map while the first page loads, so that
// the first answer does not wait for it.
func (e *Explorer) warm() {
	for w := range e.Model().Words {
		e.SenseMap(w) // an error is the request's to report
	}
}
