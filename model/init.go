package model

import (
	"maps"
	"slices"
	"strings"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/graph"
)

// Fresh is what LoadInit left at the model's seeded values.
type Fresh struct {
	Params []string // whole parameters, by name (the sense head)
	Rows   int      // vocabulary rows the file lacks, in every vocabulary-sized parameter
}

// LoadInit loads a saved model into a model for new data, keeping what fits:
// every parameter of the same shape is copied; the sense head is optional on
// both sides and, with freshHead (its senses are not the file's), left
// seeded; a vocabulary grown past the file's (the new words appended, so
// the file's ids keep their meaning) gets the file's rows first and its
// seeded rows after, as a fresh run would start them. Anything else that
// differs is an error naming the parameter.
func (m *Model) LoadInit(ts map[string]checkpoint.Tensor, freshHead bool) (Fresh, error) {
	var f Fresh
	ts = maps.Clone(ts)
	for name := range ts {
		if strings.HasPrefix(name, senseHeadName+".") && (m.SenseHead == nil || freshHead) {
			delete(ts, name) // a head the objective has no use for, or one for other senses
		}
	}
	if m.SenseHead != nil {
		for _, p := range []*graph.Param{m.SenseHead.Weight, m.SenseHead.Bias} {
			if _, ok := ts[p.Name]; !ok {
				ts[p.Name] = tensorOf(p)
				f.Params = append(f.Params, p.Name)
			}
		}
	}
	for _, p := range m.vocabParams() {
		t, ok := ts[p.Name]
		if !ok || len(t.Shape) == 0 || t.Shape[0] >= p.Shape[0] || !slices.Equal(t.Shape[1:], p.Shape[1:]) {
			continue // Load reports what does not fit
		}
		grown := tensorOf(p)
		copy(grown.Data, t.Data) // row-major: the file's rows come first
		ts[p.Name] = grown
		f.Rows = p.Shape[0] - t.Shape[0]
	}
	if err := m.Load(ts); err != nil {
		return Fresh{}, err
	}
	return f, nil
}

// vocabParams are the parameters with one row (PyTorch's first dimension)
// per vocabulary word: the embedding and the masked-LM head.
func (m *Model) vocabParams() []*graph.Param {
	return []*graph.Param{m.Embed.Weight, m.MLMHead.Weight, m.MLMHead.Bias}
}
