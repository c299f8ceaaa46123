package train

import (
	"fmt"
	"path/filepath"

	"github.com/attendlab/attend/runfolder"
)

// usedFolder is why a fresh run refuses out, whose latest checkpoint is at
// step last: a finished run says so, where its results are and how to train
// longer; an unfinished one how to continue it.
func usedFolder(out string, last int) error {
	saved, err := runfolder.Latest(out)
	if err != nil || saved.State.Config == nil {
		return fmt.Errorf("%s already holds checkpoints (up to step %d): continue it with --resume, or train into another --out", out, last)
	}
	if st := saved.State; st.Step < st.Config.Train.Steps {
		return fmt.Errorf("%s holds an unfinished run (step %d of %d): continue it with --resume, or train into another --out", out, st.Step, st.Config.Train.Steps)
	}
	return fmt.Errorf("%s", finishedRun(out, saved.Folder, saved.State.Step))
}

// finishedRun says that the run in out is done at step, where its model and
// loss curve are, how to look inside and how to train it longer.
func finishedRun(out, folder string, step int) string {
	return fmt.Sprintf("%s holds a finished run (train.steps %d reached): its model is %s, its loss curve %s; look inside with: eval --checkpoint %s; to train longer: --resume --set train.steps=%d (or more); to start over: another --out",
		out, step, filepath.Join(folder, runfolder.ModelFile), filepath.Join(out, runfolder.LossPlot), out, 2*step)
}
