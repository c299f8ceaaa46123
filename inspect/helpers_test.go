package inspect

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/corpus"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/modelfile"
)

// tiny is a small random model of the "bank" corpus, saved as a
// .safetensors file and opened like a real checkpoint, with the corpus it
// was built from.
type tiny struct {
	c            *Checkpoint
	path         string
	train, held  []data.Sentence
	layers, dims int
}

// newTiny writes a random 2-layer, 8-dimensional model (pre-norm or
// post-norm) into a temporary folder and opens it.
func newTiny(t *testing.T, normFirst bool) *tiny {
	t.Helper()
	tn := writeTiny(t, normFirst, nil)
	c, err := Open(tn.path)
	if err != nil {
		t.Fatal(err)
	}
	tn.c = c
	return tn
}

// writeTiny writes the model of newTiny without opening it. edit, if not
// nil, changes the config section written into the file's metadata (not
// the model built), to make a file whose metadata lies about its tensors.
func writeTiny(t *testing.T, normFirst bool, edit func(*arch.Shape)) *tiny {
	return writeTinyRun(t, normFirst, edit, nil)
}

// writeTinyRun is writeTiny recording run in the file (nil: no run).
func writeTinyRun(t *testing.T, normFirst bool, edit func(*arch.Shape), run *modelfile.TrainingRun) *tiny {
	t.Helper()
	train, held, err := corpus.Generate(corpus.Config{Words: []string{"bank"}, TrainPerSense: 20, HeldoutPerSense: 8, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	toks := make([][]string, len(train))
	for i, s := range train {
		toks[i] = s.Tokens
	}
	vocab := data.BuildVocab(toks, 1)
	senses := data.SenseLabels(train)
	cfg, err := configs.Default()
	if err != nil {
		t.Fatal(err)
	}
	sec := cfg.Model
	sec.DModel, sec.Heads, sec.FF, sec.Layers, sec.NormFirst, sec.Dropout = 8, 2, 16, 2, normFirst, 0
	m, err := model.New(model.Config{Shape: sec, Vocab: vocab.Len(), Senses: len(senses)}, 1, sec.MaxLen, model.Options{Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(&m.Config.Shape) // only the metadata: the graph is built
	}
	b, err := modelfile.Encode(m, vocab.Words(), senses, run)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "tiny.safetensors")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return &tiny{path: path, train: train, held: held, layers: sec.Layers, dims: sec.DModel}
}

// reportJSON builds the report of o, writes it as JSON and decodes that
// into got.
func (tn *tiny) reportJSON(t *testing.T, o ReportOptions, got any) *Report {
	t.Helper()
	r, err := tn.c.BuildReport(o)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	return r
}
