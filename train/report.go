package train

import (
	"bufio"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/metrics"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/runfolder"
)

// record is one line of metrics.jsonl: a training log step or a validation.
type record struct {
	Kind       string // "train" or "eval"
	Step       int
	ElapsedS   float64
	StepLog    *StepLog
	Validation *runfolder.Validation
}

// StepLog is one logged training step. Each term of the optimised loss
// (model.TermNames) is logged as <term>_loss; the validated ones are the
// cross-entropies that validation measures too.
type StepLog struct {
	Loss       float64            // the optimised sum: each term times its weight
	Terms      map[string]float64 // each term before its weight, by name
	LR         float64
	GradNorm   float64
	TokensPerS float64
}

// MarshalJSON writes kind, step, elapsed_s, then the step log's or the
// validation's keys, every registered term in rank order (0 when off).
func (r record) MarshalJSON() ([]byte, error) {
	var o runfolder.Object
	o.Add("kind", r.Kind)
	o.Add("step", r.Step)
	o.Add("elapsed_s", r.ElapsedS)
	if s := r.StepLog; s != nil {
		o.Add("loss", s.Loss)
		for _, t := range model.TermNames() {
			o.Add(t+"_loss", s.Terms[t])
		}
		o.Add("lr", s.LR)
		o.Add("grad_norm", s.GradNorm)
		o.Add("tokens_per_s", s.TokensPerS)
	}
	if r.Validation != nil {
		r.Validation.AddTo(&o)
	}
	return o.Bytes()
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *record) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*r = record{}
	if err := decodeKeys(raw, []string{"kind", "step", "elapsed_s"}, &r.Kind, &r.Step, &r.ElapsedS); err != nil {
		return err
	}
	if _, ok := raw["loss"]; ok {
		s := &StepLog{Terms: map[string]float64{}}
		keys, ptrs := []string{"loss", "lr", "grad_norm", "tokens_per_s"}, []any{&s.Loss, &s.LR, &s.GradNorm, &s.TokensPerS}
		names := model.TermNames()
		terms := make([]float64, len(names))
		for i, t := range names {
			keys, ptrs = append(keys, t+"_loss"), append(ptrs, &terms[i])
		}
		if err := decodeKeys(raw, keys, ptrs...); err != nil {
			return err
		}
		for i, t := range names {
			s.Terms[t] = terms[i]
		}
		r.StepLog = s
	}
	if _, ok := raw["val_loss"]; ok {
		r.Validation = &runfolder.Validation{}
		if err := json.Unmarshal(b, r.Validation); err != nil {
			return err
		}
	}
	return nil
}

// decodeKeys decodes raw[keys[i]] into ptrs[i] where present.
func decodeKeys(raw map[string]json.RawMessage, keys []string, ptrs ...any) error {
	for i, k := range keys {
		if v, ok := raw[k]; ok {
			if err := json.Unmarshal(v, ptrs[i]); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
		}
	}
	return nil
}

// logger is the logging hook: log lines on the console, metrics.jsonl and
// loss.png in the run folder.
type logger struct {
	out     string // run folder
	cfg     *configs.Config
	con     *console
	history []record
	loss    ema
	start   time.Time
	tick    time.Time
	tokens  int
	from    int     // the step this invocation started from
	before  float64 // elapsed_s of the last record kept from earlier invocations
}

// newLogger keeps the history of metrics.jsonl up to the step from: a resumed
// run rewrites what came after its checkpoint.
func newLogger(out string, c *configs.Config, con *console, from int) (*logger, error) {
	r := &logger{out: out, cfg: c, con: con, start: time.Now(), tick: time.Now(), from: from}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	old, err := readMetrics(filepath.Join(out, runfolder.MetricsFile))
	if err != nil {
		return nil, err
	}
	for _, rec := range old {
		if from > 0 && rec.Step <= from {
			r.history = append(r.history, rec)
			r.before = rec.ElapsedS // a resumed run's clock goes on from its last record
		}
	}
	if err := r.rewrite(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *logger) hook() Hook {
	return Hook{
		OnStep:       r.step,
		OnValidation: r.validation,
		OnCheckpoint: func(_ int, folder string) error {
			r.con.println("checkpoint " + folder)
			return nil
		},
		OnEnd: func(step int, interrupted bool) error {
			took := time.Since(r.start).Round(100 * time.Millisecond)
			switch {
			case interrupted:
			case r.from > 0:
				fmt.Fprintf(r.con.w, "done: steps %d-%d in %s, resumed from step %d\n", r.from+1, step, took, r.from)
			default:
				fmt.Fprintf(r.con.w, "done: %d steps in %s\n", step, took)
			}
			return nil
		},
	}
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

// rewrite replaces metrics.jsonl with the history kept, through a temporary
// file so that a kill cannot lose the records of the earlier steps.
func (r *logger) rewrite() error {
	final := filepath.Join(r.out, runfolder.MetricsFile)
	tmp := filepath.Join(r.out, ".tmp-"+runfolder.MetricsFile)
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for _, rec := range r.history {
		if err = enc.Encode(rec); err != nil {
			break
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, final)
}

func (r *logger) append(rec record) error {
	rec.ElapsedS = r.before + time.Since(r.start).Seconds()
	r.history = append(r.history, rec)
	f, err := os.OpenFile(filepath.Join(r.out, runfolder.MetricsFile), os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if err := json.NewEncoder(f).Encode(rec); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// step records a training step every log_every steps; without a progress bar
// it also prints a log line.
func (r *logger) step(s StepInfo) error {
	avg := r.loss.add(s.Result.Loss)
	r.tokens += s.Tokens
	every := r.cfg.Train.LogEvery
	if every == 0 || s.Step%every != 0 {
		return nil
	}
	tps := float64(r.tokens) / time.Since(r.tick).Seconds()
	r.tick, r.tokens = time.Now(), 0
	if !r.con.hasBar() {
		steps := r.cfg.Train.Steps
		eta := time.Duration(float64(time.Since(r.start)) / float64(s.Step-r.from) * float64(steps-s.Step))
		fmt.Fprintf(r.con.w, "step %d/%d  loss %.4f (avg %.4f)  lr %.3g  %.0f tok/s  eta %s\n",
			s.Step, steps, s.Result.Loss, avg, s.LR, tps, eta.Round(time.Second))
	}
	terms := map[string]float64{}
	for i, t := range model.TermNames() {
		terms[t] = s.Result.Terms[i]
	}
	return r.append(record{Kind: "train", Step: s.Step, StepLog: &StepLog{Loss: s.Result.Loss, Terms: terms,
		LR: s.LR, GradNorm: s.GradNorm, TokensPerS: tps}})
}

// validation prints and records a validation, and redraws loss.png.
func (r *logger) validation(v *runfolder.Validation) error {
	msg := fmt.Sprintf("eval step %d: val loss %.4f", v.Step, v.Loss)
	for _, h := range model.Heads() {
		if h.ValAcc && slices.Contains(r.cfg.Heads(), h.Name) {
			msg += fmt.Sprintf("  %s loss %.4f acc %.3f", h.Name, v.Terms[h.Name], v.Acc[h.Name])
		}
	}
	if v.Probe != nil {
		msg += fmt.Sprintf("  sense probe %.3f", *v.Probe)
		var words []string
		for _, w := range slices.Sorted(maps.Keys(v.PerWord)) {
			words = append(words, fmt.Sprintf("%s %.3f", w, v.PerWord[w]))
		}
		if len(words) > 0 {
			msg += " (" + strings.Join(words, ", ") + ")"
		}
	}
	r.con.println(msg)
	if err := r.append(record{Kind: "eval", Step: v.Step, Validation: v}); err != nil {
		return err
	}
	return r.plot()
}

// plot draws the training and validation cross-entropy over steps.
func (r *logger) plot() error {
	yLabel, curves := lossCurves(r.cfg, r.history)
	// Drawn under a temporary name and renamed, so that a full disk or a
	// kill never leaves a half-written loss.png.
	final := filepath.Join(r.out, runfolder.LossPlot)
	tmp := filepath.Join(r.out, ".tmp-"+runfolder.LossPlot)
	if err := metrics.PlotLoss(tmp, yLabel, curves...); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", final, err)
	}
	return os.Rename(tmp, final)
}

// lossCurves are the curves of loss.png and its axis label: the same
// quantity on both sides, the sum of the validated terms (the
// cross-entropies) of the trained heads. The contrastive term is left out:
// validation does not compute it, and at its weight it would dwarf the
// cross-entropy.
func lossCurves(c *configs.Config, history []record) (string, []metrics.Curve) {
	var validated, labels []string
	for _, h := range model.Heads() {
		if !slices.Contains(c.Heads(), h.Name) {
			continue
		}
		labels = append(labels, h.Label)
		for _, t := range h.Terms {
			if t.Validated {
				validated = append(validated, t.Name)
			}
		}
	}
	sum := func(m map[string]float64) float64 {
		var s float64
		for _, t := range validated {
			s += m[t]
		}
		return s
	}
	trainC, valC := metrics.Curve{Name: "training"}, metrics.Curve{Name: "validation (held-out)"}
	for _, rec := range history {
		switch {
		case rec.Kind == "train" && rec.StepLog != nil:
			trainC.Steps = append(trainC.Steps, rec.Step)
			trainC.Loss = append(trainC.Loss, sum(rec.StepLog.Terms))
		case rec.Kind == "eval" && rec.Validation != nil:
			valC.Steps = append(valC.Steps, rec.Step)
			valC.Loss = append(valC.Loss, sum(rec.Validation.Terms))
		}
	}
	return "cross-entropy (" + strings.Join(labels, " + ") + ")", []metrics.Curve{trainC, valC}
}

// ema is an exponential moving average (weight 0.1 on the newest value).
type ema struct {
	v   float64
	set bool
}

func (e *ema) add(x float64) float64 {
	if !e.set {
		e.v, e.set = x, true
	}
	e.v = 0.9*e.v + 0.1*x
	return e.v
}
