package train

import (
	"fmt"
	"strings"

	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/data"
)

// checkSenses refuses labels that the run could only score wrongly: a
// held-out sense the training file never shows (the model cannot learn it,
// and the sense probe would leave its lines out and report the rest), two
// senses that differ only in case (one sense written two ways), and, when
// the objective trains senses, a word with a single sense (its head has
// nothing to choose between, so its probe is 1.000 whatever the model does).
func checkSenses(c *configs.Config, d *data.Dataset) error {
	if c.Data.Corpus != configs.Files {
		return nil
	}
	trained := map[string]bool{}
	perWord := map[string][]string{}
	byCase := map[string]string{} // lower-cased training label -> as written
	var twins []string            // the first two training senses that differ only in case
	for _, l := range d.Senses {
		trained[l] = true
		w, s := data.SplitLabel(l)
		perWord[w] = append(perWord[w], s)
		if other, ok := byCase[strings.ToLower(l)]; ok && twins == nil {
			twins = []string{other, l}
		}
		byCase[strings.ToLower(l)] = l
	}
	missing := map[string]int{}
	for _, s := range d.Heldout {
		if l := s.Label(); l != "" && !trained[l] {
			missing[l]++
		}
	}
	var absent []string
	for _, l := range data.SenseLabels(d.Heldout) {
		n := missing[l]
		if n == 0 {
			continue
		}
		lines := fmt.Sprintf("%d lines", n)
		if n == 1 {
			lines = "1 line"
		}
		if t, ok := byCase[strings.ToLower(l)]; ok {
			lines += fmt.Sprintf("; the training file writes it %s", t)
		}
		absent = append(absent, fmt.Sprintf("%s (%s)", l, lines))
	}
	if len(absent) > 0 {
		verb, them := "occurs", "it"
		if len(absent) > 1 {
			verb, them = "occur", "them"
		}
		return c.Errorf("data.heldout_file", "%s never %s in %s, so the model cannot learn %s and the sense probe would leave those lines out: add lines of %s to the training file, or fix the labels",
			strings.Join(absent, ", "), verb, c.Data.TrainFile, them, them)
	}
	if twins != nil {
		return c.Errorf("data.train_file", "senses %s and %s differ only in case (words are lower-cased, senses are not): write them one way", twins[0], twins[1])
	}
	if !c.UsesSense() {
		return nil
	}
	for _, l := range d.Senses {
		w, _ := data.SplitLabel(l)
		if senses := perWord[w]; len(senses) == 1 {
			return c.Errorf("data.train_file", "word %q has one sense (%s) in %s: telling senses apart needs two or more; add lines of another sense, or train objective: mlm",
				w, senses[0], c.Data.TrainFile)
		}
	}
	return nil
}
