package train

import (
	"fmt"
	"slices"
	"strings"

	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/internal/textlist"
	"github.com/attendlab/attend/layers"
	"github.com/attendlab/attend/modelfile"
)

// summarise logs, for data from files, what the run reads: the sentences of
// each sense in each split, the vocabulary and the held-out split's share of
// words it lacks (read as [UNK]).
func (tr *Trainer) summarise(initFrom bool) {
	c, d, log := tr.Cfg, tr.Data, tr.Opts.Log
	if c.Data.Corpus != configs.Files {
		return
	}
	unit := "words"
	if c.Data.UsesWordPiece() { // a held-out token is a piece, and so is a vocabulary entry
		unit = "WordPiece pieces"
	}
	fmt.Fprintf(log, "data: %s: %s\n", c.Data.TrainFile, senseCounts(d.Train))
	if d.Heldout != nil {
		tokens, unknown := 0, 0
		for _, s := range d.Heldout {
			for _, w := range s.Tokens {
				tokens++
				if !d.Vocab.Has(w) {
					unknown++
				}
			}
		}
		fmt.Fprintf(log, "data: %s: %s; %d of its %d %s (%.1f%%) unknown to the vocabulary\n",
			c.Data.HeldoutFile, senseCounts(d.Heldout), unknown, tokens, unit, 100*float64(unknown)/float64(max(tokens, 1)))
	}
	if initFrom {
		fmt.Fprintf(log, "data: vocabulary of %d %s, %d of them new (not in the --init-from model's)\n", d.Vocab.Len(), unit, len(d.Added))
	} else {
		fmt.Fprintf(log, "data: vocabulary of %d %s\n", d.Vocab.Len(), unit)
	}
}

// senseCounts is "N sentences: word:sense n, ..., unlabelled n".
func senseCounts(sents []data.Sentence) string {
	count := map[string]int{}
	for _, s := range sents {
		count[s.Label()]++
	}
	var parts []string
	for _, l := range data.SenseLabels(sents) {
		parts = append(parts, fmt.Sprintf("%s %d", l, count[l]))
	}
	if n := count[""]; n > 0 {
		parts = append(parts, fmt.Sprintf("unlabelled %d", n))
	}
	return fmt.Sprintf("%d sentences: %s", len(sents), strings.Join(parts, ", "))
}

// initFrom loads weights saved by attend or PyTorch with the same shape and
// says, one line each, what it kept, started fresh or added.
func (tr *Trainer) initFrom(path string, f *modelfile.File) error {
	if diff := f.Model.Diff(tr.Cfg.Model); len(diff) > 0 {
		var parts []string
		for _, d := range diff {
			where := tr.Cfg.Where(d.Key) // a file and line, or the --set that gave it
			if where == "" {
				where = "the config"
			}
			parts = append(parts, fmt.Sprintf("%s is %s there and %s here (%s)", d.Key, d.A, d.B, where))
		}
		return fmt.Errorf("--init-from %s: the model must be the saved run's, but %s (leave the model section out of the config to inherit bank.yaml's, or set the run's values)",
			path, strings.Join(parts, ", "))
	}
	m := tr.Model
	fresh, err := modelfile.LoadInit(m, f.Tensors, m.SenseHead != nil && !slices.Equal(f.Senses, tr.Data.Senses))
	if err != nil {
		return fmt.Errorf("--init-from %s: %w", path, err)
	}
	log := tr.Opts.Log
	isFresh := func(l *layers.Linear) bool { return l != nil && slices.Contains(fresh.Params, l.Weight.Name) }
	parts := fmt.Sprintf("the embeddings and %d encoder layers", tr.Cfg.Model.Layers)
	if m.MLMHead != nil && !isFresh(m.MLMHead) {
		parts += ", the masked-LM head"
	}
	fmt.Fprintf(log, "--init-from %s: kept the encoder's weights (%s: %d tensors)\n", path, parts, len(modelfile.Tensors(m))-len(fresh.Params))
	if isFresh(m.MLMHead) {
		fmt.Fprintf(log, "--init-from: %s and %s started fresh: the file has no masked-LM head\n", m.MLMHead.Weight.Name, m.MLMHead.Bias.Name)
	}
	switch sense := m.SenseHead; {
	case sense == nil:
	case !isFresh(sense):
		fmt.Fprintf(log, "--init-from: kept the sense head: the new data has the file's senses (%s)\n", strings.Join(f.Senses, ", "))
	case len(f.Senses) == 0:
		fmt.Fprintf(log, "--init-from: %s and %s started fresh: the file has no sense head\n", sense.Weight.Name, sense.Bias.Name)
	default:
		fmt.Fprintf(log, "--init-from: %s and %s started fresh: the new data's senses (%s) are not exactly the file's (%s), and a head is kept only for the same senses\n",
			sense.Weight.Name, sense.Bias.Name, textlist.Short(tr.Data.Senses, 8), textlist.Short(f.Senses, 8))
	}
	if n := len(tr.Data.Added); n > 0 {
		fmt.Fprintf(log, "--init-from: added %d words of the new data the vocabulary lacked (%s) as new embedding rows, initialised as a fresh run would\n",
			n, textlist.Short(tr.Data.Added, 8))
	}
	if fresh.Rows != len(tr.Data.Added) { // the file's vocabulary is where the data's starts
		return fmt.Errorf("--init-from %s: %d rows added for %d new words", path, fresh.Rows, len(tr.Data.Added))
	}
	return nil
}
