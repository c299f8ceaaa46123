package configs

import (
	"fmt"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	// edits are applied in order to bank.yaml; wantKey "" means valid.
	tests := []struct {
		name    string
		edits   [][2]string // key, YAML value
		wantKey string
		want    string
	}{
		{"heads do not divide d_model", [][2]string{{"model.heads", "5"}}, "model.heads", "d_model 64 is not divisible by heads 5"},
		{"odd head width is fine", [][2]string{{"model.d_model", "12"}, {"model.heads", "4"}}, "", ""},
		{"d_model zero", [][2]string{{"model.d_model", "0"}}, "model.d_model", "must be at least 1, got 0"},
		{"heads zero", [][2]string{{"model.heads", "0"}}, "model.heads", "must be at least 1"},
		{"ff zero", [][2]string{{"model.ff", "0"}}, "model.ff", "must be at least 1"},
		{"layers negative", [][2]string{{"model.layers", "-1"}}, "model.layers", "must be at least 1"},
		{"max_len one", [][2]string{{"model.max_len", "1"}}, "model.max_len", "must be at least 2, got 1"},
		{"dropout one", [][2]string{{"model.dropout", "1.0"}}, "model.dropout", "must be in [0, 1)"},
		{"dropout negative", [][2]string{{"model.dropout", "-0.1"}}, "model.dropout", "must be in [0, 1)"},
		{"activation", [][2]string{{"model.activation", "tanh"}}, "model.activation", `want one of gelu, relu; got "tanh"`},
		{"positions", [][2]string{{"model.positions", "rotary"}}, "model.positions", `want one of sinusoidal, learned; got "rotary"`},
		{"positions", [][2]string{{"model.positions", "rotary"}}, "model.positions", `want one of sinusoidal, learned`},
		{"objective", [][2]string{{"objective", "both"}}, "objective", `want one of mlm, sense, mlm+sense; got "both"`},
		{"corpus", [][2]string{{"data.corpus", "web"}}, "data.corpus", "want one of builtin, files"},
		{"files without train_file", [][2]string{{"data.corpus", "files"}, {"data.heldout_file", "b.tsv"}}, "data.train_file", "required with data.corpus files"},
		{"files without heldout_file", [][2]string{{"data.corpus", "files"}, {"data.train_file", "a.tsv"}}, "data.heldout_file", "required with data.corpus files"},
		{"train_file extension", [][2]string{{"data.corpus", "files"}, {"data.train_file", "a.csv"}, {"data.heldout_file", "b.tsv"}}, "data.train_file", `"a.csv": want a .txt or .tsv file, got extension ".csv"`},
		{"sense from a txt file", [][2]string{{"data.corpus", "files"}, {"data.train_file", "a.txt"}, {"data.heldout_file", "b.tsv"}}, "data.train_file", `"a.txt" is .txt (sentences only) but objective sense needs sense labels`},
		{"mlm from txt files", [][2]string{{"objective", "mlm"}, {"data.corpus", "files"}, {"data.train_file", "a.txt"}, {"data.heldout_file", "b.txt"}}, "", ""},
		{"sense from tsv files", [][2]string{{"objective", "sense"}, {"data.corpus", "files"}, {"data.train_file", "a.tsv"}, {"data.heldout_file", "b.TSV"}}, "", ""},
		{"file with builtin corpus", [][2]string{{"data.train_file", "a.tsv"}}, "data.train_file", `"a.tsv" is set but data.corpus is builtin`},
		{"wordnet negative", [][2]string{{"data.wordnet", "-1"}}, "data.wordnet", "must be at least 0"},
		{"wordnet with files", [][2]string{{"data.corpus", "files"}, {"data.train_file", "a.tsv"}, {"data.heldout_file", "b.tsv"}, {"data.wordnet", "10"}}, "data.wordnet", "10 is set but data.corpus is files"},
		{"wordnet zero with files", [][2]string{{"data.corpus", "files"}, {"data.train_file", "a.tsv"}, {"data.heldout_file", "b.tsv"}, {"data.wordnet", "0"}}, "", ""},
		{"train_per_sense zero", [][2]string{{"data.train_per_sense", "0"}}, "data.train_per_sense", "must be at least 1"},
		{"heldout_per_sense zero", [][2]string{{"data.heldout_per_sense", "0"}}, "data.heldout_per_sense", "must be at least 1"},
		{"per-sense sizes unused with files", [][2]string{{"objective", "mlm"}, {"data.corpus", "files"}, {"data.train_file", "a.txt"}, {"data.heldout_file", "b.txt"}, {"data.train_per_sense", "0"}}, "", ""},
		{"min_count zero", [][2]string{{"data.min_count", "0"}}, "data.min_count", "must be at least 1"},
		{"mask_prob zero", [][2]string{{"objective", "mlm+sense"}, {"data.mask_prob", "0"}}, "data.mask_prob", "must be in (0, 1)"},
		{"mask_prob one", [][2]string{{"objective", "mlm+sense"}, {"data.mask_prob", "1"}}, "data.mask_prob", "must be in (0, 1)"},
		{"mask_prob unused by sense", [][2]string{{"objective", "sense"}, {"data.mask_prob", "0"}}, "", ""},
		{"word_dropout negative", [][2]string{{"data.word_dropout", "-0.1"}}, "data.word_dropout", "must be in [0, 1)"},
		{"word_dropout one", [][2]string{{"data.word_dropout", "1"}}, "data.word_dropout", "must be in [0, 1)"},
		{"word_dropout half", [][2]string{{"data.word_dropout", "0.5"}}, "", ""},
		{"tokenizer", [][2]string{{"data.tokenizer", "bpe"}}, "data.tokenizer", `want one of word, wordpiece; got "bpe"`},
		{"tokenizer absent (saved before the key) is word", [][2]string{{"data.tokenizer", `""`}}, "", ""},
		{"wordpiece vocab_size zero", [][2]string{{"data.tokenizer", "wordpiece"}, {"data.vocab_size", "0"}}, "data.vocab_size", "must be at least 1"},
		{"vocab_size unused by word", [][2]string{{"data.tokenizer", "word"}, {"data.vocab_size", "0"}}, "", ""},
		{"contrast negative", [][2]string{{"train.contrast", "-1"}}, "train.contrast", "must be"},
		{"contrast unused by mlm", [][2]string{{"objective", "mlm"}, {"train.contrast", "0.5"}}, "", ""},
		{"contrast with sense", [][2]string{{"train.contrast", "0.5"}}, "", ""},
		{"embed_std negative", [][2]string{{"train.embed_std", "-0.1"}}, "train.embed_std", "must be"},
		{"embed_std zero (nn.Embedding's 1)", [][2]string{{"train.embed_std", "0"}}, "", ""},
		{"encoder_lr negative", [][2]string{{"train.encoder_lr", "-0.001"}}, "train.encoder_lr", "must be"},
		{"freeze_steps past steps", [][2]string{{"train.freeze_steps", "5000"}}, "train.freeze_steps", "must be in [0, steps=4000]"},
		{"freeze_steps all steps", [][2]string{{"train.freeze_steps", "4000"}}, "", ""},
		{"words empty means all", [][2]string{{"data.words", "[]"}}, "", ""},
		{"unknown words left to data", [][2]string{{"data.words", "[zebra]"}}, "", ""},
		{"steps zero", [][2]string{{"train.steps", "0"}, {"train.warmup", "0"}}, "train.steps", "must be at least 1, got 0"},
		{"batch_size zero", [][2]string{{"train.batch_size", "0"}}, "train.batch_size", "must be at least 1"},
		{"optimizer", [][2]string{{"train.optimizer", "lion"}}, "train.optimizer", "want one of sgd, adam, adamw"},
		{"lr zero", [][2]string{{"train.lr", "0"}}, "train.lr", "must be a positive number"},
		{"lr nan", [][2]string{{"train.lr", ".nan"}}, "train.lr", "must be a positive number"},
		{"lr inf", [][2]string{{"train.lr", ".inf"}}, "train.lr", "must be a positive number"},
		{"beta one", [][2]string{{"train.betas", "[0.9, 1.0]"}}, "train.betas", "betas[1] must be in [0, 1), got 1"},
		{"beta negative", [][2]string{{"train.betas", "[-0.1, 0.9]"}}, "train.betas", "betas[0] must be in [0, 1)"},
		{"eps zero", [][2]string{{"train.eps", "0"}}, "train.eps", "must be a positive number"},
		{"momentum one", [][2]string{{"train.momentum", "1"}}, "train.momentum", "must be in [0, 1)"},
		{"schedule", [][2]string{{"train.schedule", "step"}}, "train.schedule", "want one of constant, cosine, linear"},
		{"warmup negative", [][2]string{{"train.steps", "1000"}, {"train.warmup", "-1"}}, "train.warmup", "must be in [0, steps=1000], got -1"},
		{"warmup past steps", [][2]string{{"train.steps", "1000"}, {"train.warmup", "1001"}}, "train.warmup", "must be in [0, steps=1000], got 1001"},
		{"warmup equal to steps", [][2]string{{"train.steps", "1000"}, {"train.warmup", "1000"}}, "", ""},
		{"min_lr negative", [][2]string{{"train.min_lr", "-0.1"}}, "train.min_lr", "must be in [0, lr=0.002)"},
		{"min_lr equal to lr", [][2]string{{"train.min_lr", "0.002"}}, "train.min_lr", "must be in [0, lr=0.002), got 0.002"},
		{"weight_decay negative", [][2]string{{"train.weight_decay", "-0.01"}}, "train.weight_decay", "must be a number >= 0"},
		{"clip negative", [][2]string{{"train.clip", "-1"}}, "train.clip", "must be a number >= 0"},
		{"clip off", [][2]string{{"train.clip", "0"}}, "", ""},
		{"eval_every negative", [][2]string{{"train.eval_every", "-1"}}, "train.eval_every", "must be at least 0"},
		{"log_every negative", [][2]string{{"train.log_every", "-1"}}, "train.log_every", "must be at least 0"},
		{"checkpoint every negative", [][2]string{{"checkpoint.every", "-1"}}, "checkpoint.every", "must be at least 0"},
		{"keep zero", [][2]string{{"checkpoint.keep", "0"}}, "checkpoint.keep", "must be at least 1"},
		{"dir empty", [][2]string{{"checkpoint.dir", `""`}}, "checkpoint.dir", "must name a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := bankText(t)
			for _, e := range tt.edits {
				text, _ = edit(t, text, e[0], e[1])
			}
			c, err := Parse([]byte(text), "x.yaml")
			if tt.wantKey == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				if c == nil {
					t.Fatal("nil config without an error")
				}
				return
			}
			prefix := fmt.Sprintf("x.yaml:%d: %s: ", lineOf(t, text, tt.wantKey), tt.wantKey)
			errorContains(t, err, prefix+tt.want)
			if c != nil {
				t.Error("got a config along with the error")
			}
			// One impossible value gives one message, not a cascade.
			if err != nil && strings.Count(err.Error(), "\n") != 0 {
				t.Errorf("want exactly one message, got:\n%v", err)
			}
		})
	}
}

func TestValidateReportsAll(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	c.Model.Heads, c.Train.Steps, c.Train.Warmup = 5, 0, 0
	err = c.Validate()
	errorContains(t, err, "configs/bank.yaml:6: model.heads:", "configs/bank.yaml:30: train.steps:")

	// A bad steps is one message: warmup and freeze_steps are not measured against it.
	c, _ = Default()
	c.Train.Steps = -5
	if err := c.Validate(); err == nil || strings.Count(err.Error(), "\n") != 0 || !strings.Contains(err.Error(), "train.steps") {
		t.Errorf("steps -5: %v, want one message, about train.steps", err)
	}

	// A Config built in Go has no origins: messages name the key alone.
	var zero Config
	errorContains(t, zero.Validate(), "\nmodel.heads: must be at least 1", "\ncheckpoint.dir: must name a folder")
}

func TestErrorf(t *testing.T) {
	text, line := edit(t, bankText(t), "data.words", "[bank, zebra]")
	c, err := Parse([]byte(text), "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got := c.Errorf("data.words", "unknown word %q", "zebra").Error()
	if want := fmt.Sprintf(`x.yaml:%d: data.words: unknown word "zebra"`, line); got != want {
		t.Errorf("Errorf = %q, want %q", got, want)
	}
}
