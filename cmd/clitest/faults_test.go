//go:build linux || darwin

package clitest

import (
	"bytes"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/runfolder"
)

// killYAML checkpoints at every step, so that many kills land in a save.
const killYAML = `model: {d_model: 8, heads: 2, ff: 16, layers: 1, max_len: 20, dropout: 0.1}
data: {words: [bank], train_per_sense: 20, heldout_per_sense: 8}
train: {steps: 40, batch_size: 4, warmup: 2, eval_every: 5, log_every: 1}
checkpoint: {every: 1, keep: 2}
`

// start runs a built binary in dir without waiting; its output goes to out.
func start(t *testing.T, dir string, out *bytes.Buffer, name string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(filepath.Join(bin, name), args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// newestComplete is the highest step folder of run that has a state.json.
func newestComplete(run string) int {
	steps, _ := checkpoint.Steps(run)
	for i := len(steps) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(run, checkpoint.StepName(steps[i]), "state.json")); err == nil {
			return steps[i]
		}
	}
	return -1
}

var resumedAt = regexp.MustCompile(`resumed from \S+ at step (\d+)`)

// TestKillResume kills train with SIGKILL at seeded random moments, at
// least 30 times, many of them while a checkpoint is being written; after
// every kill the run folder's latest checkpoint loads, latest names the
// newest complete checkpoint (or the one before it, when the kill came
// between installing a folder and naming it), the next --resume starts from
// it, and the finished run's model is byte-identical to an uninterrupted
// run's.
func TestKillResume(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a process 30 times")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "k.yaml"), killYAML)
	straight := time.Now()
	if r := runBin(dir, "train", "--config", "k.yaml", "--out", "straight"); r.code != 0 {
		t.Fatalf("straight run: exit %d\n%s", r.code, r.out)
	}
	full := time.Since(straight)
	want, err := os.ReadFile(filepath.Join(dir, "straight", checkpoint.StepName(40), runfolder.ModelFile))
	if err != nil {
		t.Fatal(err)
	}

	rng := rand.New(rand.NewPCG(12, 0))
	kills, inSave, attempts, finished := 0, 0, 0, 0
	run := filepath.Join(dir, "run0")
	// finish resumes run to the end (starts it, when the last kill came
	// before its first checkpoint) and compares its model with the straight run's.
	finish := func() {
		t.Helper()
		args := []string{"--config", "k.yaml", "--out", filepath.Base(run)}
		if _, err := checkpoint.Latest(run); err == nil {
			args = append(args, "--resume")
		}
		if r := runBin(dir, "train", args...); r.code != 0 {
			t.Fatalf("final run %v: exit %d\n%s", args, r.code, r.out)
		}
		check(t, run, want)
		finished++
		run = filepath.Join(dir, "run"+strconv.Itoa(finished))
	}
	for kills < 30 && attempts < 300 {
		attempts++
		args := []string{"--config", "k.yaml", "--out", filepath.Base(run)}
		// latest names the newest complete checkpoint, or the one before it
		// when the kill came between installing a folder and naming it.
		newest, named := newestComplete(run), -1
		if folder, err := checkpoint.Latest(run); err == nil {
			named, _ = strconv.Atoi(strings.TrimPrefix(filepath.Base(folder), "step-"))
		}
		if named >= 0 && named != newest && named != newest-1 {
			t.Fatalf("latest names step %d, the newest complete checkpoint is %d", named, newest)
		}
		if named >= 0 {
			args = append(args, "--resume")
		}
		var out bytes.Buffer
		cmd := start(t, dir, &out, "train", args...)
		// Every other kill waits for a checkpoint write to begin, then lands a
		// few hundred microseconds into it; the others come at any moment.
		if attempts%2 == 0 {
			waitSave(run, time.Now().Add(full))
			time.Sleep(time.Duration(rng.Int64N(int64(500 * time.Microsecond))))
		} else {
			time.Sleep(time.Duration(rng.Int64N(int64(full / 8))))
		}
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if m := resumedAt.FindStringSubmatch(out.String()); m != nil && m[1] != strconv.Itoa(named) {
			t.Fatalf("resumed at step %s, want %d, which latest names\n%s", m[1], named, out.String())
		}
		if !ws.Signaled() {
			if err != nil {
				t.Fatalf("train %v: %v\n%s", args, err, out.String())
			}
			if newestComplete(run) == 40 { // finished before the kill: start another run
				check(t, run, want)
				finished++
				run = filepath.Join(dir, "run"+strconv.Itoa(finished))
			}
			continue
		}
		kills++
		if leftovers, _ := filepath.Glob(filepath.Join(run, ".tmp-step-*")); len(leftovers) > 0 {
			inSave++
		}
		if _, err := os.Stat(filepath.Join(run, checkpoint.LatestFile)); err == nil {
			if _, err := runfolder.Latest(run); err != nil {
				t.Fatalf("after kill %d: %v", kills, err)
			}
		}
	}
	finish()
	t.Logf("%d kills in %d starts, %d of them during a checkpoint write; %d runs finished, each identical; straight run %v",
		kills, attempts, inSave, finished, full.Round(time.Millisecond))
	if kills < 30 || inSave < 10 {
		t.Errorf("only %d kills landed, %d in a checkpoint write; want 30 and 10", kills, inSave)
	}
}

// waitSave returns when a checkpoint write has begun in run (a temporary
// step folder exists) or at deadline.
func waitSave(run string, deadline time.Time) {
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(run, ".tmp-step-*")); len(m) > 0 {
			return
		}
		time.Sleep(100 * time.Microsecond)
	}
}

// check compares the finished run's model with want and checks the lock is gone.
func check(t *testing.T, run string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(run, checkpoint.StepName(40), runfolder.ModelFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: model.safetensors after the kills differs from the uninterrupted run's", run)
	}
	if _, err := os.Stat(filepath.Join(run, runfolder.LockFile)); err == nil {
		t.Errorf("%s: the lock file is still there after the run ended", run)
	}
}

// waitFor polls until ok or fails the test after 60 s.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !ok(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// longRun starts a train that runs until stopped, checkpointing every step.
func longRun(t *testing.T, dir string, out *bytes.Buffer, extra ...string) *exec.Cmd {
	t.Helper()
	write(t, filepath.Join(dir, "long.yaml"), strings.Replace(killYAML, "steps: 40", "steps: 100000", 1))
	cmd := start(t, dir, out, "train", append([]string{"--config", "long.yaml", "--out", "run"}, extra...)...)
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd
}

// TestSecondTrainRefused: a second train into a folder a running train
// holds is refused at once, naming the holder; once the first is gone (here
// by SIGKILL) its stale lock is taken over.
func TestSecondTrainRefused(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	first := longRun(t, dir, &out)
	waitFor(t, "the first train's checkpoint", func() bool { return newestComplete(filepath.Join(dir, "run")) >= 1 })
	before := time.Now()
	for _, args := range [][]string{{"--resume"}, {}} {
		r := runBin(dir, "train", append([]string{"--config", "long.yaml", "--out", "run"}, args...)...)
		pid := strconv.Itoa(first.Process.Pid)
		if r.code == 0 || !strings.Contains(r.out, "in use by process "+pid) || !strings.Contains(r.out, "lock") {
			t.Errorf("second train %v: exit %d, want refused naming pid %s:\n%s", args, r.code, pid, r.out)
		}
		checkOutput(t, r.out)
	}
	if d := time.Since(before); d > 20*time.Second {
		t.Errorf("refusing took %v", d)
	}
	first.Process.Kill()
	first.Wait()
	r := runBin(dir, "train", "--config", "long.yaml", "--out", "run", "--resume", "--set", "train.steps="+strconv.Itoa(newestComplete(filepath.Join(dir, "run"))+2))
	if r.code != 0 || !strings.Contains(r.out, "took over the lock") {
		t.Errorf("train after the holder was killed: exit %d, want a takeover:\n%s", r.code, r.out)
	}
	if _, err := os.Stat(filepath.Join(dir, "run", runfolder.LockFile)); err == nil {
		t.Error("the lock file is still there after the run ended")
	}
}

// TestEvalWhileTraining: reading a run folder while train writes (and
// prunes) checkpoints into it never fails: in-process Open in a tight loop,
// and the eval binary a few times.
func TestEvalWhileTraining(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	longRun(t, dir, &out, "--set", "checkpoint.keep=1")
	run := filepath.Join(dir, "run")
	waitFor(t, "a checkpoint", func() bool { _, err := checkpoint.Latest(run); return err == nil })
	first := newestComplete(run)
	opens := 0
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); opens++ {
		if _, err := runfolder.Open(run); err != nil {
			t.Fatalf("open %d while training: %v", opens, err)
		}
	}
	for i := 0; i < 3; i++ {
		if r := runBin(dir, "eval", "--checkpoint", "run", "--word", "bank", "the bank lends money"); r.code != 0 {
			t.Fatalf("eval while training: exit %d\n%s", r.code, r.out)
		}
	}
	last := newestComplete(run)
	t.Logf("%d opens while train went from step %d to %d", opens, first, last)
	if last <= first+1 {
		t.Errorf("train saved only steps %d..%d during the test: no concurrency tested", first, last)
	}
}

// TestUnwritableRunFolder: a run folder that cannot be written is reported
// before any step.
func TestUnwritableRunFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "tiny.yaml"), tinyYAML)
	write(t, filepath.Join(dir, "file"), "not a folder")
	cases := [][]string{{"--out", "file/run"}}
	if os.Geteuid() != 0 { // root writes into read-only folders
		ro := filepath.Join(dir, "ro")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, []string{"--out", "ro"})
	}
	for _, c := range cases {
		r := runBin(dir, "train", append([]string{"--config", "tiny.yaml"}, c...)...)
		if r.code == 0 || !strings.Contains(r.out, "run folder") || strings.Contains(r.out, "step 1") {
			t.Errorf("train %v: exit %d, want refused before any step:\n%s", c, r.code, r.out)
		}
		checkOutput(t, r.out)
	}
}

// TestDiskFull: a file-size limit (ulimit -f: a writer that fails part-way,
// as on a full disk) stops the run non-zero, says what failed, that the
// previous checkpoint is intact and how to resume; the resume then works.
func TestDiskFull(t *testing.T) {
	for _, tc := range []struct {
		ff, minCount, limitKB int
		culprit               string
	}{
		{512, 1, 75, "optimizer.safetensors: file too large"}, // model 58 KB, optimizer 92 KB
		{16, 3, 16, "loss.png: file too large"},               // model 8 KB, optimizer 11 KB, loss.png over 16 KB
	} {
		t.Run(strconv.Itoa(tc.ff), func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "tiny.yaml"), tinyYAML)
			args := []string{"--config", "tiny.yaml", "--out", "run", "--set", "model.ff=" + strconv.Itoa(tc.ff),
				"--set", "data.min_count=" + strconv.Itoa(tc.minCount)}
			if r := runBin(dir, "train", args...); r.code != 0 {
				t.Fatalf("first run: exit %d\n%s", r.code, r.out)
			}
			before := snapshot(t, filepath.Join(dir, "run", "step-000003"))
			latest, _ := os.ReadFile(filepath.Join(dir, "run", "latest"))
			args = append(args, "--resume", "--set", "train.steps=5")
			cmd := exec.Command("bash", append([]string{"-c", `ulimit -f ` + strconv.Itoa(tc.limitKB) + ` && exec "$0" "$@"`, filepath.Join(bin, "train")}, args...)...)
			cmd.Dir = dir
			b, err := cmd.CombinedOutput()
			out := string(b)
			for _, w := range []string{tc.culprit, "step-000003 is intact", "--resume"} {
				if err == nil || !strings.Contains(out, w) {
					t.Errorf("train with a full disk: %v, want a failure with %q", err, w)
				}
			}
			if strings.Contains(out, "panic") || strings.Contains(out, "goroutine ") {
				t.Errorf("a panic:\n%s", out)
			}
			if d := diffSnapshots(before, snapshot(t, filepath.Join(dir, "run", "step-000003"))); len(d) > 0 {
				t.Errorf("previous checkpoint changed: %v", d)
			}
			if now, _ := os.ReadFile(filepath.Join(dir, "run", "latest")); string(now) != string(latest) {
				t.Errorf("latest changed from %q to %q", latest, now)
			}
			if err := decodePNG(filepath.Join(dir, "run", "loss.png")); err != nil {
				t.Errorf("loss.png damaged: %v", err)
			}
			if r := runBin(dir, "train", args...); r.code != 0 {
				t.Errorf("resume once there is room: exit %d\n%s", r.code, r.out)
			}
			if t.Failed() {
				t.Log(out)
			}
		})
	}
}

// decodePNG reads a whole PNG image: a partial write fails to decode.
func decodePNG(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = png.Decode(f)
	return err
}
