package configs

import (
	"slices"
	"testing"
)

func TestSet(t *testing.T) {
	tests := []struct {
		set   string
		check func(c *Config) bool
	}{
		{"train.steps=200", func(c *Config) bool { return c.Train.Steps == 200 }},
		{" train.steps = 200 ", func(c *Config) bool { return c.Train.Steps == 200 }},
		{"train.lr=1e-3", func(c *Config) bool { return c.Train.LR == 0.001 }},
		{"train.lr=1", func(c *Config) bool { return c.Train.LR == 1 }},
		{"model.norm_first=false", func(c *Config) bool { return !c.Model.NormFirst }},
		{"model.activation=relu", func(c *Config) bool { return c.Model.Activation == "relu" }},
		{"objective=mlm", func(c *Config) bool { return c.Objective == "mlm" }},
		{"checkpoint.dir=runs/a=b", func(c *Config) bool { return c.Checkpoint.Dir == "runs/a=b" }},
		{"data.train_file=", func(c *Config) bool { return c.Data.TrainFile == "" }},
		{"data.words=[bank,bat]", func(c *Config) bool { return slices.Equal(c.Data.Words, []string{"bank", "bat"}) }},
		{"data.words=[]", func(c *Config) bool { return c.Data.Words != nil && len(c.Data.Words) == 0 }},
		{"train.betas=[0.8, 0.99]", func(c *Config) bool { return c.Train.Betas == [2]float64{0.8, 0.99} }},
		{"model={d_model: 32, heads: 8}", func(c *Config) bool {
			return c.Model.DModel == 32 && c.Model.Heads == 8 && c.Model.FF == 256 // unmentioned keys stay
		}},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			c, err := Default()
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Set(tt.set); err != nil {
				t.Fatalf("Set: %v", err)
			}
			if !tt.check(c) {
				t.Errorf("after Set(%q): %+v", tt.set, *c)
			}
			if err := c.Validate(); err != nil {
				t.Errorf("Validate after Set: %v", err)
			}
		})
	}
}

func TestSetErrors(t *testing.T) {
	tests := []struct {
		set   string
		parts []string
	}{
		{"train.steps", []string{`set "train.steps"`, "want key=value"}},
		{"=5", []string{"want key=value"}},
		{"train.stpes=1", []string{`unknown key "train.stpes"`, "train has: steps"}},
		{"trian.steps=1", []string{`unknown key "trian.steps"`, "the top level has: model"}},
		{"train.steps.x=1", []string{`unknown key "train.steps.x"`}},
		{"train.steps=abc", []string{`set "train.steps=abc": train.steps: want an integer, got "abc"`}},
		{"train.steps=1.5", []string{`train.steps: want an integer, got "1.5"`}},
		{"train.lr=fast", []string{`train.lr: want a number, got "fast"`}},
		{"model.norm_first=1", []string{`model.norm_first: want true or false, got "1"`}},
		{"model.activation=[relu]", []string{`model.activation: want a string, got a list`}},
		{"data.words=bank", []string{`data.words: want a list, got "bank"`}},
		{"train.betas=[0.9]", []string{`train.betas: want a list of 2 numbers, got 1`}},
		{"train.steps=[1", []string{`set "train.steps=[1": train.steps: not a YAML value`}},
		{"model={d_model: 32, head: 8}", []string{`unknown key "model.head"`}},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			c, err := Default()
			if err != nil {
				t.Fatal(err)
			}
			before := c.Hash()
			errorContains(t, c.Set(tt.set), tt.parts...)
			if c.Hash() != before {
				t.Error("a failed Set changed the config")
			}
		})
	}
}

func TestSetThenValidateNamesTheSet(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Set("model.heads=5"); err != nil {
		t.Fatal(err)
	}
	errorContains(t, c.Validate(), `set "model.heads=5": model.heads: d_model 64 is not divisible by heads 5`)
	// The next Set fixes it: overrides are validated together.
	if err := c.Set("model.d_model=80"); err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("d_model 80, heads 5: %v", err)
	}
	// Set works on a Config built in Go too.
	var zero Config
	if err := zero.Set("train.steps=3"); err != nil || zero.Train.Steps != 3 {
		t.Errorf("zero.Set: %v, steps %d", err, zero.Train.Steps)
	}
}

// TestFitWarmup: an inherited warmup is fitted to the steps wherever the
// steps come from; a warmup the user set is refused when too long.
func TestFitWarmup(t *testing.T) {
	tests := []struct {
		name, file string // file "" = the default config
		sets       []string
		warmup     int
		notice     bool
		err        string
	}{
		{"file steps, inherited warmup", "train:\n  steps: 10\n", nil, 1, true, ""},
		{"file steps and warmup", "train:\n  steps: 10\n  warmup: 30\n", nil, 0, false, "small.yaml:3: train.warmup: must be in [0, steps=10], got 30"},
		{"set steps", "", []string{"train.steps=10"}, 1, true, ""},
		{"set steps and warmup", "", []string{"train.steps=10", "train.warmup=30"}, 0, false, `set "train.warmup=30": train.warmup: must be in [0, steps=10], got 30`},
		{"file short, set long", "train:\n  steps: 10\n", []string{"train.steps=1000"}, 30, false, ""},
		{"set section", "", []string{"train={steps: 20, lr: 0.001}"}, 2, true, ""},
		{"fits", "train:\n  steps: 100\n", nil, 30, false, ""},
		{"file warmup, set steps", "train:\n  steps: 100\n  warmup: 10\n", []string{"train.steps=5"}, 0, true, ""},
		{"file warmup, file steps, set longer", "train:\n  steps: 10\n  warmup: 10\n", []string{"train.steps=50"}, 10, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c *Config
			var err error
			if tt.file == "" {
				c, err = Default()
			} else {
				c, err = Parse([]byte(tt.file), "small.yaml")
			}
			for _, s := range tt.sets {
				if err == nil {
					err = c.Set(s)
				}
			}
			notice := ""
			if err == nil {
				notice = c.FitWarmup()
				err = c.Validate()
			}
			if tt.err != "" {
				errorContains(t, err, tt.err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Train.Warmup != tt.warmup || (notice != "") != tt.notice {
				t.Errorf("warmup %d, notice %q; want %d, notice %v", c.Train.Warmup, notice, tt.warmup, tt.notice)
			}
		})
	}
}
