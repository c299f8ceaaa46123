package train

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/modelfile"
	"github.com/attendlab/attend/runfolder"
)

// TestResumeOlderSenseCheckpoint: a sense run's checkpoint written before
// heads were built only when used carries a masked-LM head, never trained.
// It resumes, and the run ends with the bytes of a straight run.
func TestResumeOlderSenseCheckpoint(t *testing.T) {
	c := tiny(t, "objective=sense")
	straight, split, _ := straightAndSplit(t, c)
	saved, err := runfolder.Latest(split)
	if err != nil {
		t.Fatal(err)
	}
	f := saved.Model
	if f.Config().MLMHead {
		t.Fatal("a sense run saved a masked-LM head")
	}
	// Rewrite the checkpoint as older code saved it: with the seeded head.
	old := f.Config()
	old.MLMHead = true
	m, err := model.New(old, 1, 1, modelfile.Init(c.Train))
	if err != nil {
		t.Fatal(err)
	}
	if fresh, err := modelfile.LoadInit(m, f.Tensors, false); err != nil || len(fresh.Params) != 2 {
		t.Fatalf("LoadInit: fresh %v, %v; want the masked-LM head's two parameters", fresh.Params, err)
	}
	mb, err := modelfile.Encode(m, f.Vocab, f.Senses, f.Run)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(saved.Folder); err != nil {
		t.Fatal(err)
	}
	if _, err := runfolder.Save(split, saved.State, mb, saved.Optimizer, nil); err != nil {
		t.Fatal(err)
	}
	if again, err := runfolder.Latest(split); err != nil || !again.Model.Config().MLMHead {
		t.Fatalf("the rewritten checkpoint has no masked-LM head (err %v)", err)
	}

	if err := newTrainer(t, c, Options{Out: split, Resume: true}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{runfolder.ModelFile, runfolder.OptimizerFile} {
		a := readFile(t, filepath.Join(straight, "step-000008", name))
		b := readFile(t, filepath.Join(split, "step-000008", name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s after resuming the older checkpoint differs from the straight run", name)
		}
	}
}
