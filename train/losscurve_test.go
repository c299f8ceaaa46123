package train

import (
	"bufio"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/attendlab/attend/runfolder"
)

// TestLossTermsLogged checks that metrics.jsonl names each term of the
// optimised loss and that loss.png draws the same quantity, the
// cross-entropy, for training and validation.
func TestLossTermsLogged(t *testing.T) {
	tests := []struct {
		objective string
		contrast  float64
		yLabel    string
	}{
		{"sense", 0.5, "cross-entropy (sense head)"},
		{"mlm+sense", 0, "cross-entropy (masked LM + sense head)"},
		{"mlm", 0, "cross-entropy (masked LM)"},
	}
	for _, tt := range tests {
		t.Run(tt.objective, func(t *testing.T) {
			c := tiny(t, "objective="+tt.objective, "train.contrast="+jsonNum(tt.contrast))
			dir := t.TempDir()
			if err := newTrainer(t, c, Options{Out: dir}).Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(filepath.Join(dir, runfolder.MetricsFile))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var history []record
			for sc := bufio.NewScanner(f); sc.Scan(); {
				var rec record
				if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
					t.Fatal(err)
				}
				history = append(history, rec)
				if rec.StepLog == nil {
					continue
				}
				s := rec.StepLog
				if want := s.Terms["mlm"] + s.Terms["sense"] + tt.contrast*s.Terms["contrast"]; math.Abs(s.Loss-want) > 1e-4*want {
					t.Errorf("step %d: loss %v, want mlm %v + sense %v + %v × contrast %v = %v", rec.Step, s.Loss, s.Terms["mlm"], s.Terms["sense"], tt.contrast, s.Terms["contrast"], want)
				}
				if (tt.contrast > 0) != (s.Terms["contrast"] > 0) {
					t.Errorf("step %d: contrast_loss %v with train.contrast %v", rec.Step, s.Terms["contrast"], tt.contrast)
				}
			}
			yLabel, curves := lossCurves(c, history)
			if yLabel != tt.yLabel {
				t.Errorf("y label %q, want %q", yLabel, tt.yLabel)
			}
			k := 0
			for _, rec := range history {
				if rec.StepLog != nil {
					if got, want := curves[0].Loss[k], rec.StepLog.Terms["mlm"]+rec.StepLog.Terms["sense"]; got != want {
						t.Errorf("training curve at step %d: %v, want the cross-entropy %v", rec.Step, got, want)
					}
					k++
				}
			}
			if len(curves[1].Steps) == 0 {
				t.Error("no validation points")
			}
		})
	}
}

func jsonNum(x float64) string {
	b, _ := json.Marshal(x)
	return string(b)
}
