package kernels

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// workers runs a call's tasks on the calling goroutine and GOMAXPROCS-1
// helpers. Helpers spin a short while after each job, because the next
// product of a training step follows within microseconds and waking a
// parked goroutine costs more than the product; then they park, so an idle
// process burns no CPU.
var workers pool

// spinFor is how long a helper polls for the next job before parking.
const spinFor = 200 * time.Microsecond

type pool struct {
	busy    sync.Mutex // one job at a time; other callers run serially
	started int        // helpers started; grows under busy

	gen atomic.Uint64
	cur atomic.Pointer[job]

	park   sync.Mutex
	wake   *sync.Cond
	parked int
}

type job struct {
	tasks int
	fn    func(task int, s *scratch)
	next  atomic.Int64
	done  atomic.Int64
}

func (p *pool) tryLock() bool {
	if runtime.GOMAXPROCS(0) < 2 || !p.busy.TryLock() {
		return false
	}
	if p.wake == nil {
		p.wake = sync.NewCond(&p.park)
	}
	for p.started < runtime.GOMAXPROCS(0)-1 {
		p.started++
		go p.helper()
	}
	return true
}

func (p *pool) unlock() { p.busy.Unlock() }

// run calls fn for every task in [0, tasks) and returns when all are done.
// Which worker runs a task does not change its result.
func (p *pool) run(tasks int, fn func(int, *scratch), caller *scratch) {
	j := &job{tasks: tasks, fn: fn}
	p.cur.Store(j)
	p.gen.Add(1)
	p.park.Lock()
	if p.parked > 0 {
		p.wake.Broadcast()
	}
	p.park.Unlock()
	j.work(caller)
	for spins := 0; j.done.Load() < int64(tasks); spins++ {
		if spins > 64 {
			runtime.Gosched()
		}
	}
}

func (j *job) work(s *scratch) {
	for t := j.next.Add(1) - 1; t < int64(j.tasks); t = j.next.Add(1) - 1 {
		j.fn(int(t), s)
		j.done.Add(1)
	}
}

func (p *pool) helper() {
	var seen uint64
	own := new(scratch)
	for {
		deadline := time.Now().Add(spinFor)
		for spins := 1; p.gen.Load() == seen; spins++ {
			if spins%1024 != 0 {
				continue
			}
			if time.Now().Before(deadline) {
				runtime.Gosched() // let any other goroutine of this P run
				continue
			}
			p.park.Lock()
			for p.gen.Load() == seen {
				p.parked++
				p.wake.Wait()
				p.parked--
			}
			p.park.Unlock()
		}
		seen = p.gen.Load()
		p.cur.Load().work(own)
	}
}

// Parallel calls f(lo, hi) over [0, n) cut into parts contiguous ranges
// (part t is [n·t/parts, n·(t+1)/parts)) on the calling goroutine and the
// GEMM's helpers, and returns when all are done: one pool of warm workers
// for the products and the loops around them. f must write only what its
// range owns, so that the result does not depend on the cut; when the
// helpers are busy (a nested or concurrent call) f(0, n) runs on the caller.
func Parallel(n, parts int, f func(lo, hi int)) {
	if parts <= 1 || !workers.tryLock() {
		f(0, n)
		return
	}
	defer workers.unlock()
	workers.run(parts, func(t int, _ *scratch) { f(n*t/parts, n*(t+1)/parts) }, nil)
}

// minChunk is the least work (in elements) worth a worker of its own.
const minChunk = 4096

// ParallelWork calls f over [0, n) like Parallel, cut into one part per
// worker (GOMAXPROCS at most, n at most) as long as each part gets at least
// minChunk elements of work, cost being the work per index. f must write
// only what its own range owns, so the cut never changes a result.
func ParallelWork(n, cost int, f func(lo, hi int)) {
	Parallel(n, min(runtime.GOMAXPROCS(0), n, n*cost/minChunk), f)
}
