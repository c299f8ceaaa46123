package optim

import (
	"math"
	"testing"
)

func TestScheduleValues(t *testing.T) {
	const peak, floor = 1e-3, 1e-5
	const warm, total = 10, 110 // the decay midpoint is step 60
	mid := floor + (peak-floor)/2
	tests := []struct {
		kind string
		step int
		want float64
	}{
		{"constant", 1, peak},
		{"constant", 500, peak},
		{"cosine", 0, peak / warm}, // steps below 1 count as 1
		{"cosine", 1, peak / warm},
		{"cosine", 5, peak / 2},
		{"cosine", warm, peak},
		{"cosine", warm + 1, floor + (peak-floor)*0.5*(1+math.Cos(math.Pi/100))},
		{"cosine", 60, mid},
		{"cosine", total, floor},
		{"cosine", total + 1000, floor},
		{"linear", 1, peak / warm},
		{"linear", warm, peak},
		{"linear", warm + 1, peak - (peak-floor)/100},
		{"linear", 60, mid},
		{"linear", total, floor},
		{"linear", total + 1, floor},
	}
	for _, tt := range tests {
		s, err := NewSchedule(tt.kind, peak, floor, warm, total)
		if err != nil {
			t.Fatal(err)
		}
		got := s.LR(tt.step)
		exact := tt.step == warm || tt.step >= total || tt.kind == "constant"
		if exact && got != tt.want || math.Abs(got-tt.want) > 1e-15 {
			t.Errorf("%s LR(%d) = %.17g, want %.17g", tt.kind, tt.step, got, tt.want)
		}
	}
}

func TestScheduleNoWarmup(t *testing.T) {
	for _, kind := range []string{"cosine", "linear"} {
		s, err := NewSchedule(kind, 1, 0, 0, 4)
		if err != nil {
			t.Fatal(err)
		}
		// With no warmup the first update is already a quarter into the decay.
		if got := s.LR(1); !(got < 1 && got > 0.5) {
			t.Errorf("%s LR(1) = %v, want in (0.5, 1)", kind, got)
		}
		if got := s.LR(4); got != 0 {
			t.Errorf("%s LR(4) = %v, want 0", kind, got)
		}
	}
}

func TestScheduleMonotonic(t *testing.T) {
	const warm, total = 7, 50
	for _, kind := range []string{"constant", "cosine", "linear"} {
		s, err := NewSchedule(kind, 0.1, 0.002, warm, total)
		if err != nil {
			t.Fatal(err)
		}
		for step := 2; step <= total+5; step++ {
			prev, cur := s.LR(step-1), s.LR(step)
			if step <= warm && cur < prev {
				t.Errorf("%s: warmup decreases at step %d: %v -> %v", kind, step, prev, cur)
			}
			if step > warm && cur > prev {
				t.Errorf("%s: decay increases at step %d: %v -> %v", kind, step, prev, cur)
			}
			if cur < 0.002 && kind != "constant" || cur > 0.1 {
				t.Errorf("%s: LR(%d) = %v outside [floor, peak]", kind, step, cur)
			}
		}
	}
}

func TestNewScheduleErrors(t *testing.T) {
	tests := []struct {
		name          string
		kind          string
		peak, floor   float64
		warmup, total int
	}{
		{"unknown kind", "step", 1, 0, 0, 10},
		{"zero peak", "cosine", 0, 0, 0, 10},
		{"negative peak", "constant", -1, 0, 0, 10},
		{"nan peak", "linear", math.NaN(), 0, 0, 10},
		{"negative warmup", "cosine", 1, 0, -1, 10},
		{"zero total", "linear", 1, 0, 0, 0},
		{"warmup beyond total", "cosine", 1, 0, 11, 10},
		{"floor above peak", "cosine", 1, 2, 0, 10},
		{"negative floor", "linear", 1, -0.1, 0, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if s, err := NewSchedule(tt.kind, tt.peak, tt.floor, tt.warmup, tt.total); err == nil {
				t.Errorf("NewSchedule = %#v, want an error", s)
			}
		})
	}
	if _, err := NewSchedule("cosine", 1, 0, 10, 10); err != nil {
		t.Errorf("warmup == total: %v", err)
	}
}
