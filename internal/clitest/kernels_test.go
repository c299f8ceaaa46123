package clitest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/runfolder"
	"golang.org/x/sys/cpu"
)

// TestSameWeightsOnEveryKernel: the default run's first steps end in the same
// weights and optimizer state, byte for byte, with the AVX-512 kernels, with
// the AVX2 ones (what a CPU without AVX-512 runs; GODEBUG=cpu.avx512f=off
// makes this one run them) and at one worker. On a CPU without AVX-512 the
// first two runs are the same path; the pure-Go build (-tags purego) differs,
// as docs/performance.md says.
func TestSameWeightsOnEveryKernel(t *testing.T) {
	if !cpu.X86.HasAVX512F || strings.Contains(os.Getenv("GODEBUG"), "avx512f=off") {
		t.Log("no AVX-512 here (or GODEBUG turns it off): the default and avx2 runs both use the AVX2 kernels")
	}
	runs := []struct {
		name string
		env  []string
	}{
		{"default", nil},
		{"avx2", []string{"GODEBUG=" + strings.TrimPrefix(os.Getenv("GODEBUG")+",cpu.avx512f=off", ",")}},
		{"one worker", []string{"GOMAXPROCS=1"}},
	}
	files := []string{runfolder.ModelFile, runfolder.OptimizerFile}
	var want [][]byte // the default run's files
	for _, r := range runs {
		out := filepath.Join(t.TempDir(), "run")
		res := runEnv(t, t.TempDir(), r.env, "train", "--out", out,
			"--set", "train.steps=60", "--set", "train.eval_every=0", "--set", "train.log_every=0")
		if res.code != 0 {
			t.Fatalf("%s: %s", r.name, res)
		}
		for i, f := range files {
			b, err := os.ReadFile(filepath.Join(out, checkpoint.StepName(60), f))
			if err != nil {
				t.Fatal(err)
			}
			if len(want) < len(files) {
				want = append(want, b)
			} else if !bytes.Equal(b, want[i]) {
				t.Errorf("%s: %s differs from the default run's", r.name, f)
			}
		}
	}
}
