package clitest

import (
	"path/filepath"
	"testing"
)

// TestFineTuneExample runs README's "Fine-tune on your own word" commands on
// a small default run (same overrides on both sides: --init-from needs one
// shape): the start-of-run summary and one line per thing --init-from kept,
// started fresh or added, then eval of the new word.
func TestFineTuneExample(t *testing.T) {
	work := t.TempDir()
	bank, bark := filepath.Join(work, "bank"), filepath.Join(work, "bark")
	ok(t, work, "train", append([]string{"--config", "configs/bank.yaml", "--out", bank, "--set", "train.steps=2",
		"--set", "data.words=[bank]", "--set", "data.train_per_sense=20", "--set", "data.heldout_per_sense=5"}, quick...)...)
	r := ok(t, work, "train", append([]string{"--config", filepath.Join(root, "testdata", "finetune", "bark.yaml"),
		"--init-from", bank, "--out", bark, "--set", "train.steps=4"}, quick...)...)
	has(t, "train's log", r.stderr,
		"train.tsv: 100 sentences: bark:dog 50, bark:tree 50\n",
		"heldout.tsv: 40 sentences: bark:dog 20, bark:tree 20; ",
		"of them new (not in the --init-from model's)\n",
		"--init-from "+bank+": kept the encoder's weights",
		"--init-from: sense_head.weight and sense_head.bias started fresh: the new data's senses (bark:dog, bark:tree) are not exactly the file's (bank:finance, bank:river), and a head is kept only for the same senses\n",
		" words of the new data the vocabulary lacked (",
	)
	r = ok(t, work, "eval", "--checkpoint", bark, "--word", "bark")
	has(t, "eval's report", r.stdout, "bark: n = 40 sentences (dog 20, tree 20)")
}
