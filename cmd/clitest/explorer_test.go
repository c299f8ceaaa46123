package clitest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// server is a running eval --serve.
type server struct {
	cmd  *exec.Cmd
	url  string
	logs *strings.Builder
}

// serve starts the real eval binary with --serve on a free port of the
// loopback address and waits for its first line.
func serve(t *testing.T, checkpoint string) *server {
	t.Helper()
	cmd := exec.Command(filepath.Join(bin, "eval"), "--serve", "--addr", "127.0.0.1:0", "--checkpoint", checkpoint)
	cmd.Dir = fixture
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	logs := &strings.Builder{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		io.Copy(io.Discard, stdout)
	}()
	s := &server{cmd: cmd, logs: logs}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	select {
	case line, ok := <-lines:
		if !ok || !strings.HasPrefix(line, "serving http://127.0.0.1:") || strings.HasSuffix(line, ":0/") {
			t.Fatalf("first line %q, want serving http://127.0.0.1:PORT/", line)
		}
		s.url = strings.TrimPrefix(line, "serving ")
	case <-time.After(60 * time.Second):
		t.Fatal("eval --serve printed nothing in 60 s")
	}
	return s
}

// getJSON asks the server for path and decodes the answer into v.
func (s *server) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	r, err := http.Get(s.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	if r.StatusCode != 200 {
		b, _ := io.ReadAll(r.Body)
		t.Fatalf("%s: %d %s", path, r.StatusCode, b)
	}
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

// examples are the held-out sentences of word the server offers, by
// sense ("" = every word's).
func (s *server) examples(t *testing.T, word string) map[string][]string {
	var m struct {
		Examples []struct{ Word, Sense, Text string }
	}
	s.getJSON(t, "api/model", &m)
	out := map[string][]string{}
	for _, e := range m.Examples {
		if word != "" && e.Word != word {
			continue
		}
		out[e.Sense] = append(out[e.Sense], e.Text)
	}
	return out
}

// analysis is the part of /api/analyze the tests compare with the page.
type analysis struct {
	Word      string
	Pairs     []struct{ Cos []float64 }
	Sentences []struct {
		Tokens []string
		Target int
	}
	Explain struct {
		Raw, Weights []float64
		DK           int `json:"d_k"`
	}
}

// TestServeStopsOnInterrupt: Ctrl-C stops the server cleanly (exit 0).
func TestServeStopsOnInterrupt(t *testing.T) {
	s := serve(t, "run")
	if err := s.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil || !strings.Contains(s.logs.String(), "stopped") {
			t.Errorf("after Ctrl-C: %v, stderr %q", err, s.logs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10 s after Ctrl-C")
	}
}

// TestExplorerLoad: 8 clients ask /api/analyze for one sentence each, as
// fast as they can, for ATTEND_LOAD_SECONDS (default 3; .ci/run gives 20
// with the default model in ATTEND_LOAD_CHECKPOINT): no error, and the
// server's memory stays flat.
func TestExplorerLoad(t *testing.T) {
	secs, checkpoint := 3, "run"
	if v := os.Getenv("ATTEND_LOAD_SECONDS"); v != "" {
		fmt.Sscan(v, &secs)
	}
	if v := os.Getenv("ATTEND_LOAD_CHECKPOINT"); v != "" {
		checkpoint, _ = filepath.Abs(v)
	}
	s := serve(t, checkpoint)
	var sents []string
	for _, ss := range s.examples(t, "") {
		sents = append(sents, ss...)
	}
	if len(sents) == 0 {
		t.Fatal("no example sentences")
	}
	ask := func(i int) (time.Duration, error) {
		v := url.Values{"s": {sents[i%len(sents)]}}
		start := time.Now()
		r, err := http.Get(s.url + "api/analyze?" + v.Encode())
		if err != nil {
			return 0, err
		}
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
		if r.StatusCode != 200 {
			return 0, fmt.Errorf("status %d for %q", r.StatusCode, sents[i%len(sents)])
		}
		return time.Since(start), nil
	}
	for i := range 20 { // warm up: the senses map and the pool of models
		if _, err := ask(i); err != nil {
			t.Fatal(err)
		}
	}
	before := rss(t, s.cmd.Process.Pid)
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(secs)*time.Second)
	defer cancel()
	type res struct {
		lat []time.Duration
		err error
	}
	out := make(chan res, 8)
	for c := range 8 {
		go func() {
			var r res
			for i := c; ctx.Err() == nil; i += 8 {
				d, err := ask(i)
				if err != nil {
					r.err = err
					break
				}
				r.lat = append(r.lat, d)
			}
			out <- r
		}()
	}
	var lat []time.Duration
	for range 8 {
		r := <-out
		if r.err != nil {
			t.Error(r.err)
		}
		lat = append(lat, r.lat...)
	}
	after := rss(t, s.cmd.Process.Pid)
	if len(lat) == 0 {
		t.Fatal("no request answered")
	}
	sortDurations(lat)
	t.Logf("%s: %d requests in %d s by 8 clients, p50 %v, p99 %v, RSS %d → %d KiB", checkpoint, len(lat), secs,
		lat[len(lat)/2], lat[len(lat)*99/100], before, after)
	if after > before+before/2+32<<10 {
		t.Errorf("memory grew from %d to %d KiB under load", before, after)
	}
}

func sortDurations(d []time.Duration) {
	for i := 1; i < len(d); i++ {
		for j := i; j > 0 && d[j] < d[j-1]; j-- {
			d[j], d[j-1] = d[j-1], d[j]
		}
	}
}

// rss is a process's resident memory in KiB, from /proc.
func rss(t *testing.T, pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			var kb int
			fmt.Sscan(strings.TrimPrefix(line, "VmRSS:"), &kb)
			return kb
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// entropyBits is the divisor control's entropy, restated to check the page.
func entropyBits(raw []float64, d float64) float64 {
	hi := math.Inf(-1)
	for _, x := range raw {
		hi = math.Max(hi, x/d)
	}
	var sum float64
	p := make([]float64, len(raw))
	for i, x := range raw {
		p[i] = math.Exp(x/d - hi)
		sum += p[i]
	}
	var h float64
	for _, x := range p {
		if x /= sum; x > 0 {
			h -= x * math.Log2(x)
		}
	}
	return h
}
