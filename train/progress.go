package train

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// console is the terminal the hooks share: a line printed while the progress
// bar is drawn clears the bar first and redraws it after.
type console struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func (c *console) hasBar() bool { return c.bar != nil }

func (c *console) println(msg string) {
	if c.bar != nil {
		_ = c.bar.Clear()
	}
	fmt.Fprintln(c.w, msg)
	if c.bar != nil {
		_ = c.bar.RenderBlank()
	}
}

// progressHook draws a progress bar of steps on con with the smoothed loss,
// learning rate and tokens per second.
func progressHook(con *console, steps, from int) Hook {
	con.bar = progressbar.NewOptions(steps,
		progressbar.OptionSetWriter(con.w),
		progressbar.OptionSetDescription("train"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(25),
		progressbar.OptionThrottle(100*time.Millisecond))
	_ = con.bar.Set(from)
	var loss, tps ema
	var last time.Time
	return Hook{
		OnStep: func(s StepInfo) error {
			now := time.Now()
			if !last.IsZero() {
				tps.add(float64(s.Tokens) / now.Sub(last).Seconds())
			}
			last = now
			con.bar.Describe(fmt.Sprintf("loss %.3f  lr %.2g  %.0f tok/s", loss.add(s.Result.Loss), s.LR, tps.v))
			return con.bar.Set(s.Step)
		},
		OnEnd: func(step int, interrupted bool) error {
			// The throttle may have skipped the last steps: draw the final
			// frame (100% at the end of the run) and keep it on screen.
			err := con.bar.Set(step)
			if err == nil && !interrupted {
				err = con.bar.Finish()
			}
			fmt.Fprintf(con.w, "\r%s\n", con.bar.String())
			con.bar = nil
			return err
		},
	}
}
