package modelfile

import (
	"slices"
	"strings"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/graph"
	"github.com/attendlab/attend/layers"
	"github.com/attendlab/attend/model"
)

// Fresh is what LoadInit left at the model's seeded values.
type Fresh struct {
	Params []string // whole parameters, by name (a head the file lacks or whose senses differ)
	Rows   int      // vocabulary rows the file lacks, in every vocabulary-sized parameter
}

// LoadInit loads a saved model into a model for new data, keeping what fits:
// every parameter of the same shape is copied; the heads are optional on
// both sides (an encoder trained on masked LM alone can seed the sense task;
// a head the objective has no use for is left out) and, with freshHead (its
// senses are not the file's), the sense head is left seeded; a vocabulary
// grown past the file's (the new words appended, so the file's ids keep
// their meaning) gets the file's rows first and its seeded rows after, as a
// fresh run would start them. Anything else that differs is an error
// naming the parameter.
func LoadInit(m *model.Model, ts map[string]checkpoint.Tensor, freshHead bool) (Fresh, error) {
	var f Fresh
	ts = Known(m, ts)
	if freshHead {
		for name := range ts {
			if strings.HasPrefix(name, model.SenseHeadName+".") {
				delete(ts, name)
			}
		}
	}
	for _, h := range []*layers.Linear{m.MLMHead, m.SenseHead} {
		if h == nil {
			continue
		}
		for _, p := range []*graph.Param{h.Weight, h.Bias} {
			if _, ok := ts[p.Name]; !ok {
				ts[p.Name] = tensorOf(p)
				f.Params = append(f.Params, p.Name)
			}
		}
	}
	for _, p := range vocabParams(m) {
		t, ok := ts[p.Name]
		if !ok || len(t.Shape) == 0 || t.Shape[0] >= p.Shape[0] || !slices.Equal(t.Shape[1:], p.Shape[1:]) {
			continue // Load reports what does not fit
		}
		grown := tensorOf(p)
		copy(grown.Data, t.Data) // row-major: the file's rows come first
		ts[p.Name] = grown
		f.Rows = p.Shape[0] - t.Shape[0]
	}
	if err := Load(m, ts); err != nil {
		return Fresh{}, err
	}
	return f, nil
}

// vocabParams are the parameters with one row (PyTorch's first dimension)
// per vocabulary word: the embedding and the masked-LM head when built.
func vocabParams(m *model.Model) []*graph.Param {
	ps := []*graph.Param{m.Embed.Weight}
	if m.MLMHead != nil {
		ps = append(ps, m.MLMHead.Weight, m.MLMHead.Bias)
	}
	return ps
}
