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
	"github.com/attendlab/attend/eval"
	"github.com/attendlab/attend/runfolder"
)

// record is one line of metrics.jsonl: a training log step or a validation.
type record struct {
	Kind                  string  `json:"kind"` // "train" or "eval"
	Step                  int     `json:"step"`
	ElapsedS              float64 `json:"elapsed_s"`
	*StepLog              `json:",omitempty"`
	*runfolder.Validation `json:",omitempty"`
}

// StepLog is one logged training step. Each term of the optimised loss
// is logged by its name; mlm_loss and sense_loss are the cross-entropies
// that validation measures too.
type StepLog struct {
	Loss         float64 `json:"loss"` // the optimised sum: mlm_loss + sense_loss + train.contrast × contrast_loss
	MLMLoss      float64 `json:"mlm_loss"`
	SenseLoss    float64 `json:"sense_loss"`
	ContrastLoss float64 `json:"contrast_loss"`
	LR           float64 `json:"lr"`
	GradNorm     float64 `json:"grad_norm"`
	TokensPerS   float64 `json:"tokens_per_s"`
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
	from    int // the step this invocation started from
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
	rec.ElapsedS = time.Since(r.start).Seconds()
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
	return r.append(record{Kind: "train", Step: s.Step, StepLog: &StepLog{Loss: s.Result.Loss, MLMLoss: s.Result.MLMLoss,
		SenseLoss: s.Result.SenseLoss, ContrastLoss: s.Result.ContrastLoss, LR: s.LR, GradNorm: s.GradNorm, TokensPerS: tps}})
}

// validation prints and records a validation, and redraws loss.png.
func (r *logger) validation(v *runfolder.Validation) error {
	msg := fmt.Sprintf("eval step %d: val loss %.4f", v.Step, v.Loss)
	if r.cfg.UsesMLM() {
		msg += fmt.Sprintf("  mlm loss %.4f acc %.3f", v.MLMLoss, v.MLMAcc)
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
	if err := eval.PlotLoss(tmp, yLabel, curves...); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", final, err)
	}
	return os.Rename(tmp, final)
}

// lossCurves are the curves of loss.png and its axis label: the same
// quantity on both sides, the cross-entropy terms (masked LM and sense head
// as configured). The contrastive term is left out: validation does not
// compute it, and at its weight it would dwarf the cross-entropy.
func lossCurves(c *configs.Config, history []record) (string, []eval.Curve) {
	trainC, valC := eval.Curve{Name: "training"}, eval.Curve{Name: "validation (held-out)"}
	for _, rec := range history {
		switch {
		case rec.Kind == "train" && rec.StepLog != nil:
			trainC.Steps = append(trainC.Steps, rec.Step)
			trainC.Loss = append(trainC.Loss, rec.StepLog.MLMLoss+rec.StepLog.SenseLoss)
		case rec.Kind == "eval" && rec.Validation != nil:
			valC.Steps = append(valC.Steps, rec.Step)
			valC.Loss = append(valC.Loss, rec.Validation.MLMLoss+rec.Validation.SenseLoss)
		}
	}
	var terms []string
	if c.UsesMLM() {
		terms = append(terms, "masked LM")
	}
	if c.UsesSense() {
		terms = append(terms, "sense head")
	}
	return "cross-entropy (" + strings.Join(terms, " + ") + ")", []eval.Curve{trainC, valC}
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
