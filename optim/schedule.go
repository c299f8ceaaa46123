package optim

import (
	"fmt"
	"math"
)

// Schedule gives the learning rate for a step. Schedules are pure functions
// of the step so that a resumed run gets the same rates as an uninterrupted one.
//
// Convention: step is 1-based and names the update about to be applied, so
// the first call to Optimizer.Step uses LR(1). A step below 1 is treated as 1.
type Schedule interface {
	LR(step int) float64
}

// Constant is a fixed learning rate.
type Constant struct{ Peak float64 }

// LR implements Schedule.
func (c Constant) LR(step int) float64 { return c.Peak }

// WarmupCosine warms up linearly from 0 to Peak over Warmup steps
// (LR(step) = Peak*step/Warmup, reaching Peak exactly at step == Warmup),
// then follows a half cosine from Peak down to Floor, reached exactly at
// step == Total, and stays at Floor after that.
type WarmupCosine struct {
	Peak, Floor   float64
	Warmup, Total int
}

// LR implements Schedule.
func (s WarmupCosine) LR(step int) float64 {
	lr, p, decaying := warmup(s.Peak, s.Floor, s.Warmup, s.Total, step)
	if !decaying {
		return lr
	}
	return s.Floor + (s.Peak-s.Floor)*0.5*(1+math.Cos(math.Pi*p))
}

// WarmupLinear warms up like WarmupCosine, then decays linearly from Peak to
// Floor, reached exactly at step == Total, and stays at Floor after that.
type WarmupLinear struct {
	Peak, Floor   float64
	Warmup, Total int
}

// LR implements Schedule.
func (s WarmupLinear) LR(step int) float64 {
	lr, p, decaying := warmup(s.Peak, s.Floor, s.Warmup, s.Total, step)
	if !decaying {
		return lr
	}
	return s.Peak + (s.Floor-s.Peak)*p
}

// warmup handles the parts both decaying schedules share. During warmup and
// from Total on it returns the rate and decaying false; in between it returns
// the decay progress p in (0, 1). Returning Peak and Floor themselves at the
// boundaries, rather than computing them, makes them exact.
func warmup(peak, floor float64, warm, total, step int) (lr, p float64, decaying bool) {
	step = max(step, 1)
	switch {
	case step <= warm:
		// step/warm is exactly 1 at step == warm, so the peak is hit exactly.
		return peak * (float64(step) / float64(warm)), 0, false
	case step >= total:
		return floor, 0, false
	}
	return 0, float64(step-warm) / float64(total-warm), true
}

// NewSchedule builds the schedule named by kind: "constant" (Peak throughout;
// floor and warmup are ignored), "cosine" (WarmupCosine) or "linear"
// (WarmupLinear). It rejects an unknown kind, peak <= 0, warmup < 0,
// total < 1, warmup > total, and for the decaying kinds a floor outside
// [0, peak].
func NewSchedule(kind string, peak, floor float64, warmup, total int) (Schedule, error) {
	switch {
	case kind != "constant" && kind != "cosine" && kind != "linear":
		return nil, fmt.Errorf("optim: unknown schedule %q (want constant, cosine or linear)", kind)
	case !(peak > 0) || math.IsInf(peak, 1):
		return nil, fmt.Errorf("optim: schedule %s: peak learning rate %v must be finite and positive", kind, peak)
	case warmup < 0:
		return nil, fmt.Errorf("optim: schedule %s: negative warmup %d", kind, warmup)
	case total < 1:
		return nil, fmt.Errorf("optim: schedule %s: total steps %d must be at least 1", kind, total)
	case warmup > total:
		return nil, fmt.Errorf("optim: schedule %s: warmup %d exceeds total steps %d", kind, warmup, total)
	}
	switch kind {
	case "cosine", "linear":
		if !(floor >= 0 && floor <= peak) {
			return nil, fmt.Errorf("optim: schedule %s: floor %v must lie in [0, peak %v]", kind, floor, peak)
		}
	}
	switch kind {
	case "cosine":
		return WarmupCosine{Peak: peak, Floor: floor, Warmup: warmup, Total: total}, nil
	case "linear":
		return WarmupLinear{Peak: peak, Floor: floor, Warmup: warmup, Total: total}, nil
	}
	return Constant{Peak: peak}, nil
}
