package clitest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	var want [][]byte
	for _, r := range runs {
		out := filepath.Join(t.TempDir(), "run")
		res := runEnv(t, t.TempDir(), r.env, "train", "--out", out,
			"--set", "train.steps=60", "--set", "train.eval_every=0", "--set", "train.log_every=0")
		if res.code != 0 {
			t.Fatalf("%s: %s", r.name, res)
		}
		var got [][]byte
		for _, f := range []string{"model.safetensors", "optimizer.safetensors"} {
			b, err := os.ReadFile(filepath.Join(out, "step-000060", f))
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, b)
		}
		if want == nil {
			want = got
			continue
		}
		for i, f := range []string{"model", "optimizer state"} {
			if !bytes.Equal(got[i], want[i]) {
				t.Errorf("%s: the %s differs from the default run's", r.name, f)
			}
		}
	}
}
