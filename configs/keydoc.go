package configs

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

//go:generate go run gen_doc.go

// meanings is the one home of what each config key means: docs/configuration.md
// is generated from it (go generate ./configs), bank.yaml and README link
// there, and a test fails when a key of Config lacks an entry or the doc is
// out of date. Markdown; links are relative to docs/.
var meanings = map[string]string{
	"model.d_model":    "width D of every token vector",
	"model.heads":      "attention heads H; D must be divisible by H (d_k = D/H)",
	"model.ff":         "hidden width of the feed-forward block",
	"model.layers":     "encoder layers",
	"model.max_len":    "fixed sequence length T, at least 2; sentences are padded to it, a longer one is an error naming it",
	"model.norm_first": "pre-norm (`x + SA(norm(x))`, true) or post-norm (`norm(x + SA(x))`, false), as PyTorch's `norm_first`",
	"model.activation": "feed-forward activation: `gelu` (exact, erf form) or `relu`",
	"model.positions":  "`sinusoidal` (fixed, Vaswani et al.) or `learned` (`pos.weight`)",
	"model.dropout":    "dropout probability while training, in [0, 1); masks drawn from `train.seed`",

	"data.corpus":            "`builtin` (the generated word-sense corpus) or `files` ([your own text](../README.md#your-own-text))",
	"data.train_file":        "with `files`: the training split, `.txt` (one sentence a line, masked LM only) or `.tsv` (`word<TAB>sense<TAB>sentence`); relative to the config file's folder",
	"data.heldout_file":      "with `files`: the validation split, same formats",
	"data.words":             "ambiguous words of the built-in corpus (empty = all)",
	"data.train_per_sense":   "built-in corpus: training sentences per sense (fewer leave words of `corpus/words.txt` out of the vocabulary)",
	"data.heldout_per_sense": "built-in corpus: held-out sentences per sense (never seen whole in training)",
	"data.wordnet": "built-in corpus only (refused with `files`): how many of WordNet's hidden-noun sentences to add to the training split, drawn by " +
		"`data.seed` (more than the file holds = all): the encoder to [fine-tune on a new word](../README.md#fine-tune-on-your-own-word) from. " +
		"0 in `bank.yaml`, all in `bank_wordnet.yaml` ([what they are](corpus.md#wordnets-sentences))",
	"data.min_count":    "vocabulary: minimum count of a word in the training split (word tokenizer)",
	"data.seed":         "seed of the built-in corpus generator",
	"data.mask_prob":    "masked LM: share of real tokens chosen (of those 80% `[MASK]`, 10% a random word, 10% unchanged), at most twice the expected count plus 16 in a batch (the rows the head scores)",
	"data.word_dropout": "share of context words (never the target) read as `[UNK]` in training batches, in [0, 1)",
	"data.tokenizer": "`word`: one token a word (`data.min_count` applies; a word the training split lacks is `[UNK]`); " +
		"`wordpiece`: BERT's WordPiece pieces (greedy longest match, `##` continuations), learned from the training split, " +
		"so a word is `[UNK]` only when it has a letter the training split never shows (ω in an English corpus); the target word's vector is its first piece's. A run writes the vocabulary as " +
		"Hugging Face's `tokenizer.json` too. Words become more tokens: raise `model.max_len` (the default corpus needs 32 " +
		"at 4,000–8,000 pieces)",
	"data.vocab_size": "`wordpiece`: vocabulary size, specials and single letters included",

	"objective": "`mlm` (masked LM), `sense` (a `sense_head` classifies the target word's final vector) or `mlm+sense`",

	"train.steps":        "optimizer steps",
	"train.batch_size":   "sentences per step",
	"train.optimizer":    "`sgd`, `adam` or `adamw` (torch.optim semantics)",
	"train.lr":           "peak learning rate",
	"train.betas":        "Adam moment decay rates, each in [0, 1)",
	"train.eps":          "Adam denominator guard, > 0",
	"train.momentum":     "SGD momentum, in [0, 1)",
	"train.schedule":     "`constant`, `cosine` or `linear` (the last two: linear warmup, then decay to `min_lr`)",
	"train.warmup":       "steps of linear warmup from 0 to `lr`; an inherited warmup longer than the run is cut to a tenth of the steps, with a notice",
	"train.min_lr":       "floor of the decay, 0 ≤ `min_lr` < `lr`",
	"train.weight_decay": "decoupled weight decay of matrices only (not biases or layer-norm gains)",
	"train.clip":         "clip the global gradient L2 norm to this; 0 = off",
	"train.contrast":     "sense objectives: weight of a supervised contrastive loss on the target words' final vectors (temperature 0.1; `graph.SupCon`); 0 = off",
	"train.encoder_lr":   "peak learning rate of the encoder layers (`encoder.*`), on the same schedule; 0 = `train.lr` (fine-tuning: lower keeps more of what `--init-from` brought)",
	"train.freeze_steps": "the first N steps leave the encoder layers as they are (embeddings and heads train), then they train too",
	"train.embed_std":    "std of the word embedding's initial normal values, as BERT's; 0 = `nn.Embedding`'s 1 (small: rare and unknown words start near zero)",
	"train.seed":         "seed of parameter initialisation, dropout and batch order",
	"train.eval_every":   "validate every N steps (0 = only at the end); at a checkpoint step it picks the best checkpoint",
	"train.log_every":    "a `metrics.jsonl` line (and a log line without a terminal) every N steps; 0 = off",

	"checkpoint.dir":   "run folder; without it a config file trains into `checkpoints/<its file name>` of the working folder ([the run folder](run-folder.md))",
	"checkpoint.every": "checkpoint every N steps (0 = only the end, which always writes one); each writes the whole word embedding and its optimizer state",
	"checkpoint.keep":  "newest checkpoints kept, plus the best by validation loss",
}

// Meaning is what key ("train.steps") means, as docs/configuration.md says
// it; "" for a key that is not one.
func Meaning(key string) string { return meanings[key] }

// referenceIntro heads docs/configuration.md.
const referenceIntro = `# Configuration

<!-- Generated by "go generate ./configs" from configs/keydoc.go; do not edit. -->

Every key of ` + "`configs/bank.yaml`" + `, with its value there. A config file lists only the keys it
changes and is read over ` + "`configs/bank.yaml`" + ` (` + "`configs/bank_mlm.yaml`" + ` is one line:
` + "`objective: mlm`" + `); ` + "`--set key.path=value`" + ` overrides one key, type-checked like the file.
Unknown keys, wrong types and impossible values are errors that name the file, line and key (or the
` + "`--set`" + `), before any work starts.

| key | default | meaning |
| --- | --- | --- |
`

// Reference renders docs/configuration.md: every key in file order, its
// value in the default config and its meaning.
func Reference() ([]byte, error) {
	c, err := Default()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(referenceIntro)
	for _, key := range Keys() {
		m := meanings[key]
		if m == "" {
			return nil, fmt.Errorf("configs: key %s has no meaning in configs/keydoc.go", key)
		}
		v, err := c.lookup(key)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", key, valueText(v), strings.ReplaceAll(m, "|", `\|`))
	}
	return b.Bytes(), nil
}

// valueText writes a default as YAML would read it back.
func valueText(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case reflect.String:
		if v.String() == "" {
			return `""`
		}
		return v.String()
	case reflect.Slice, reflect.Array:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = valueText(v.Index(i))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v.Interface())
}
