package inspect

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/metrics"
)

// WritePlots draws, into dir, for every scored word of r: pca_WORD.png (its
// occurrences on two principal components, static beside the final layer)
// and layers_WORD.png (AUC and gap from static to the final layer, with the
// untrained model as a dashed line); and attention_WORD_N.png for the first
// evaluation sentence of the word, N being that sentence's number (1-based)
// in the data. It returns the files written.
func (c *Checkpoint) WritePlots(dir string, r *Report, sents []data.Sentence) ([]string, error) {
	if err := PlotDir(dir); err != nil {
		return nil, err
	}
	layers := c.Config().Layers
	var out []string
	for _, w := range r.words {
		path := filepath.Join(dir, "pca_"+w.word+".png")
		panels := []metrics.Panel{
			{Title: "static embedding", Vecs: w.vecs[0]},
			{Title: fmt.Sprintf("final layer (layer%d)", layers), Vecs: w.vecs[layers+1]},
		}
		if err := metrics.PlotPCA(path, w.word, panels, w.senses, w.senseNames); err != nil {
			return out, fmt.Errorf("plot %s: %w", path, err)
		}
		out = append(out, path)

		var auc, gap []float64
		var untrained Result
		for _, res := range r.Results {
			switch {
			case res.Word != w.word:
			case res.Representation == "untrained":
				untrained = res
			default:
				auc, gap = append(auc, float64(res.AUC)), append(gap, float64(res.SenseGap))
			}
		}
		path = filepath.Join(dir, "layers_"+w.word+".png")
		if err := metrics.PlotLayers(path, w.word, r.reps[:layers+2], auc, gap, float64(untrained.AUC), float64(untrained.SenseGap)); err != nil {
			return out, fmt.Errorf("plot %s: %w", path, err)
		}
		out = append(out, path)

		s := sents[w.sents[0]]
		path = filepath.Join(dir, AttentionFile(w.word, w.sents[0]+1))
		if err := c.PlotAttention(path, s); err != nil {
			return out, err
		}
		out = append(out, path)
	}
	return out, nil
}

// AttentionFile names the attention picture of sentence n (1-based) of the
// data, the command line or the walk-through, by the word it follows:
// attention_bank_1.png (attention_1.png without a word).
func AttentionFile(word string, n int) string {
	if word == "" {
		return fmt.Sprintf("attention_%d.png", n)
	}
	return fmt.Sprintf("attention_%s_%d.png", word, n)
}

// PlotSentence draws, into dir, attention_WORD_1.png for a sentence the user
// typed (the quick look's first, or the walk-through's) and returns its path.
func (c *Checkpoint) PlotSentence(dir string, s data.Sentence) (string, error) {
	if err := PlotDir(dir); err != nil {
		return "", err
	}
	path := filepath.Join(dir, AttentionFile(s.Word, 1))
	return path, c.PlotAttention(path, s)
}

// PlotDir creates the --plots folder; a path that cannot be one is the
// user's mistake.
func PlotDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Usagef("--plots %s: %v", dir, err)
	}
	return nil
}

// PlotAttention draws every layer's and head's attention for one sentence,
// real tokens only.
func (c *Checkpoint) PlotAttention(path string, s data.Sentence) error {
	m, release, err := c.trained(1, len(s.Tokens))
	if err != nil {
		return err
	}
	defer release()
	cfg, n := c.Config(), len(s.Tokens)
	probs := make([][][][]float64, cfg.Layers)
	err = forward(m, c.Vocab, []data.Sentence{s}, func(_, row int) error {
		for l := range probs {
			probs[l] = make([][][]float64, cfg.Heads)
			for h := range probs[l] {
				for q := 0; q < n; q++ {
					probs[l][h] = append(probs[l][h], m.Attention(l, row, h, q)[:n])
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	title := "attention: " + s.Text
	if s.Word != "" {
		title = fmt.Sprintf("attention for %q: %s", s.Word, s.Text)
	}
	if err := metrics.PlotAttention(path, s.Tokens, probs, title); err != nil {
		return fmt.Errorf("plot %s: %w", path, err)
	}
	return nil
}
