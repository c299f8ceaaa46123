package train

import (
	"bufio"
	"encoding/json"
	"fmt"
	"github.com/attendlab/attend/eval"
	"github.com/attendlab/attend/runfolder"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
)

// record is one line of metrics.jsonl: a training log step or a validation.
type record struct {
	Kind                  string  `json:"kind"` // "train" or "eval"
	Step                  int     `json:"step"`
	ElapsedS              float64 `json:"elapsed_s"`
	*TrainStats           `json:",omitempty"`
	*runfolder.Validation `json:",omitempty"`
}

// TrainStats is one logged training step.
type TrainStats struct {
	Loss       float64 `json:"loss"`
	MLMLoss    float64 `json:"mlm_loss"`
	SenseLoss  float64 `json:"sense_loss"`
	LR         float64 `json:"lr"`
	GradNorm   float64 `json:"grad_norm"`
	TokensPerS float64 `json:"tokens_per_s"`
}

// reporter shows progress on the terminal and keeps metrics.jsonl and loss.png.
type reporter struct {
	t       *Trainer
	bar     *progressbar.ProgressBar
	history []record
	ema     float64
	start   time.Time
	tick    time.Time
	tokens  int
	from    int       // the step this invocation started from
	last    time.Time // end of the previous step
	tps     float64   // smoothed tokens per second, for the bar
}

func newReporter(t *Trainer) (*reporter, error) {
	r := &reporter{t: t, start: time.Now(), tick: time.Now(), ema: -1, from: t.Step}
	if err := os.MkdirAll(t.Opts.Out, 0o755); err != nil {
		return nil, err
	}
	// Keep the history up to the step we start from: a resumed run rewrites
	// what came after its checkpoint.
	old, err := readMetrics(filepath.Join(t.Opts.Out, runfolder.MetricsFile))
	if err != nil {
		return nil, err
	}
	for _, rec := range old {
		if rec.Step <= t.Step {
			r.history = append(r.history, rec)
		}
	}
	if t.Step == 0 {
		r.history = nil
	}
	if err := r.rewrite(); err != nil {
		return nil, err
	}
	if t.Opts.Progress {
		r.bar = progressbar.NewOptions(t.Cfg.Train.Steps,
			progressbar.OptionSetWriter(t.Opts.Log),
			progressbar.OptionSetDescription("train"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(25),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish())
		_ = r.bar.Set(t.Step)
	}
	return r, nil
}

func readMetrics(path string) ([]record, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var rec record
		if json.Unmarshal(sc.Bytes(), &rec) == nil {
			out = append(out, rec)
		}
	}
	return out, sc.Err()
}

func (r *reporter) rewrite() error {
	f, err := os.Create(filepath.Join(r.t.Opts.Out, runfolder.MetricsFile))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for _, rec := range r.history {
		if err := enc.Encode(rec); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

func (r *reporter) append(rec record) error {
	rec.ElapsedS = time.Since(r.start).Seconds()
	r.history = append(r.history, rec)
	f, err := os.OpenFile(filepath.Join(r.t.Opts.Out, runfolder.MetricsFile), os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if err := json.NewEncoder(f).Encode(rec); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// step records one training step: the bar every step, a log line every log_every.
func (r *reporter) step(st stepStats) error {
	t := r.t
	loss := st.result.Loss
	if r.ema < 0 {
		r.ema = loss
	}
	r.ema = 0.9*r.ema + 0.1*loss
	r.tokens += st.tokens
	now := time.Now()
	if !r.last.IsZero() {
		if tps := float64(st.tokens) / now.Sub(r.last).Seconds(); r.tps == 0 {
			r.tps = tps
		} else {
			r.tps = 0.9*r.tps + 0.1*tps
		}
	}
	r.last = now
	every := t.Cfg.Train.LogEvery
	if r.bar != nil {
		r.bar.Describe(fmt.Sprintf("loss %.3f  lr %.2g  %.0f tok/s", r.ema, st.lr, r.tps))
		_ = r.bar.Set(t.Step)
	}
	if every == 0 || t.Step%every != 0 {
		return nil
	}
	tps := float64(r.tokens) / time.Since(r.tick).Seconds()
	r.tick, r.tokens = time.Now(), 0
	rec := record{Kind: "train", Step: t.Step, TrainStats: &TrainStats{Loss: loss, MLMLoss: st.result.MLMLoss,
		SenseLoss: st.result.SenseLoss, LR: st.lr, GradNorm: st.norm, TokensPerS: tps}}
	if r.bar == nil {
		eta := time.Duration(float64(time.Since(r.start)) / float64(t.Step-r.from) * float64(t.Cfg.Train.Steps-t.Step))
		fmt.Fprintf(t.Opts.Log, "step %d/%d  loss %.4f (avg %.4f)  lr %.3g  %.0f tok/s  eta %s\n",
			t.Step, t.Cfg.Train.Steps, loss, r.ema, st.lr, tps, eta.Round(time.Second))
	}
	return r.append(rec)
}

// eval records a validation and redraws loss.png.
func (r *reporter) eval(st *runfolder.Validation) error {
	t := r.t
	msg := fmt.Sprintf("eval step %d: val loss %.4f", st.Step, st.Loss)
	if t.Cfg.UsesMLM() {
		msg += fmt.Sprintf("  mlm loss %.4f acc %.3f", st.MLMLoss, st.MLMAcc)
	}
	if st.Probe != nil {
		msg += fmt.Sprintf("  sense probe %.3f", *st.Probe)
		var words []string
		for _, w := range slices.Sorted(maps.Keys(st.PerWord)) {
			words = append(words, fmt.Sprintf("%s %.3f", w, st.PerWord[w]))
		}
		if len(words) > 0 {
			msg += " (" + strings.Join(words, ", ") + ")"
		}
	}
	r.println(msg)
	if err := r.append(record{Kind: "eval", Step: st.Step, Validation: st}); err != nil {
		return err
	}
	return r.plot()
}

// println prints a line without breaking the progress bar.
func (r *reporter) println(msg string) {
	if r.bar != nil {
		_ = r.bar.Clear()
	}
	fmt.Fprintln(r.t.Opts.Log, msg)
	if r.bar != nil {
		_ = r.bar.RenderBlank()
	}
}

func (r *reporter) finish() {
	if r.bar != nil {
		_ = r.bar.Finish()
		fmt.Fprintln(r.t.Opts.Log)
	}
}

// plot draws training and validation loss over steps.
func (r *reporter) plot() error {
	trainC, valC := eval.Curve{Name: "training"}, eval.Curve{Name: "validation (held-out)"}
	for _, rec := range r.history {
		switch {
		case rec.Kind == "train" && rec.TrainStats != nil:
			trainC.Steps, trainC.Loss = append(trainC.Steps, rec.Step), append(trainC.Loss, rec.TrainStats.Loss)
		case rec.Kind == "eval" && rec.Validation != nil:
			valC.Steps, valC.Loss = append(valC.Steps, rec.Step), append(valC.Loss, rec.Validation.Loss)
		}
	}
	return eval.PlotLoss(filepath.Join(r.t.Opts.Out, runfolder.LossPlot), "loss ("+r.t.Cfg.Objective+" cross-entropy)", trainC, valC)
}
