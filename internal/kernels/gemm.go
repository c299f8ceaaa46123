package kernels

import (
	"runtime"
	"sync"
)

// gemm is one call's view of C = alpha·op(A)·op(B) + C, the work split into
// fixed blocks: a depth block of kc at a time (in order), and within it
// tasks of mc rows × nc columns of C, each computed whole by one worker.
// The split depends on the shape only, never on the number of workers.
type gemm struct {
	kern       *microKernel
	aT, bT     bool
	m, n, k    int
	alpha      float32
	a, b, c    []float32
	bias       []float32 // when set, the first depth block writes bias + product
	zeros      []float32 // the bias of beta = 0: writing 0 + product spares clearing C first
	lda, ldb   int
	ldc        int
	pc, kb     int // current depth block
	mc, nc     int // rows and columns of C per task
	mt, nt     int // tasks over rows and columns
	packedCols int // panels of B packed per packing task
	parallel   bool
	direct     bool      // alpha is 1: whole row panels of A are read in place
	bp, ap     []float32 // the packed depth block of B and of alpha·A
	bTasks     int       // packing tasks for B; A's follow, one per row block

	own             scratch // the calling goroutine's
	blockFn, packFn func(int, *scratch)
}

// scratch is a worker's own buffer: the tile an edge of C is computed in.
type scratch struct {
	tile []float32
}

// calls recycles gemm values with their buffers, so that a training step
// allocates nothing here once warm. Unlike a sync.Pool it survives garbage
// collections, which a step triggers often.
var calls struct {
	sync.Mutex
	free         []*gemm
	mostB, mostA int // the largest packing buffers any call has asked for
}

// getCall hands out an idle call with packing buffers of at least bp and ap
// values. A buffer too small is replaced by one as large as the largest
// asked for so far: calls running side by side (graph's independent ops)
// then each grow once, not once per larger product they happen to meet.
func getCall(bp, ap int) *gemm {
	calls.Lock()
	defer calls.Unlock()
	calls.mostB, calls.mostA = max(calls.mostB, bp), max(calls.mostA, ap)
	var g *gemm
	if n := len(calls.free); n > 0 {
		g = calls.free[n-1]
		calls.free = calls.free[:n-1]
	} else {
		g = new(gemm)
		g.blockFn, g.packFn = g.block, g.pack
	}
	if cap(g.bp) < bp {
		g.bp = make([]float32, calls.mostB)
	}
	if cap(g.ap) < ap {
		g.ap = make([]float32, calls.mostA)
	}
	return g
}

// keptCalls is how many idle calls are kept, as many as run at once in practice.
const keptCalls = 4

// putCall keeps up to keptCalls idle calls.
func putCall(g *gemm) {
	g.a, g.b, g.c, g.bias = nil, nil, nil, nil
	calls.Lock()
	defer calls.Unlock()
	if len(calls.free) < keptCalls {
		calls.free = append(calls.free, g)
	}
}

// ReserveCalls readies n idle calls (keptCalls at most) with packing
// buffers as large as the largest product asked for so far, so that n
// products run side by side (graph's independent ops, after a first run one
// at a time) allocate nothing when they first meet.
func ReserveCalls(n int) {
	calls.Lock()
	defer calls.Unlock()
	for _, g := range calls.free {
		if cap(g.bp) < calls.mostB {
			g.bp = make([]float32, calls.mostB)
		}
		if cap(g.ap) < calls.mostA {
			g.ap = make([]float32, calls.mostA)
		}
	}
	for len(calls.free) < min(n, keptCalls) {
		g := new(gemm)
		g.blockFn, g.packFn = g.block, g.pack
		g.bp, g.ap = make([]float32, calls.mostB), make([]float32, calls.mostA)
		calls.free = append(calls.free, g)
	}
}

// parallelMin is the smallest m·n·k worth waking the other workers for.
// One sentence's products (20 rows by 64 by 192 or 256) stay on one worker,
// where waking another cost more than it saved (docs/performance.md); a
// training step's (512 rows and up) are far above it.
const parallelMin = 64 * 64 * 160

func sgemm(kern *microKernel, aT, bT bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	sgemmBias(kern, aT, bT, m, n, k, alpha, a, lda, b, ldb, beta, nil, c, ldc)
}

// sgemmBias is sgemm, or with bias (n values, alpha·A·B non-empty) C =
// bias + alpha·op(A)·op(B) in every row, beta ignored: the first depth block
// writes bias + its sums where sgemm would add them to C filled with bias,
// the same bits without the pass that fills C.
func sgemmBias(kern *microKernel, aT, bT bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, bias, c []float32, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	zeroBias := bias == nil && beta == 0 && alpha != 0 && k != 0
	if bias == nil && beta != 1 && !zeroBias {
		for i := range m {
			row := c[i*ldc : i*ldc+n]
			if beta == 0 {
				clear(row)
				continue
			}
			for j := range row {
				row[j] *= beta
			}
		}
	}
	if alpha == 0 || k == 0 {
		return
	}
	kb := min(kern.kc, k)
	g := getCall(ceilDiv(n, kern.nr)*kern.nr*kb, ceilDiv(m, kern.mr)*kern.mr*kb)
	defer putCall(g)
	g.kern, g.aT, g.bT, g.m, g.n, g.k, g.alpha = kern, aT, bT, m, n, k, alpha
	if zeroBias {
		// 0 + product has the bits of a cleared C plus product (+0 + -0 is
		// +0 either way).
		if len(g.zeros) < n {
			g.zeros = make([]float32, n)
		}
		bias = g.zeros[:n]
	}
	g.a, g.b, g.c, g.lda, g.ldb, g.ldc, g.bias = a, b, c, lda, ldb, ldc, bias
	g.direct = alpha == 1
	g.parallel = m*n*k >= parallelMin && workers.tryLock()
	if g.parallel {
		defer workers.unlock()
	}
	g.split()
	panels := ceilDiv(n, kern.nr)
	g.packedCols = g.nc / kern.nr
	for g.pc = 0; g.pc < k; g.pc += kern.kc {
		g.kb = min(kern.kc, k-g.pc)
		g.bp = grow(g.bp, panels*kern.nr*g.kb)
		g.ap = grow(g.ap, ceilDiv(m, kern.mr)*kern.mr*g.kb)
		g.bTasks = ceilDiv(panels, g.packedCols)
		g.run(g.bTasks+g.mt, g.packFn)
		g.run(g.mt*g.nt, g.blockFn)
	}
}

// tasksPerWorker is how many blocks of C a parallel call aims to give each
// worker, so that blocks of unequal size still share out evenly.
const tasksPerWorker = 4

// split cuts C into blocks: the kernel's mc×nc, halved (columns first, down
// to one panel, then rows, down to one tile) while a parallel call has
// fewer than tasksPerWorker blocks per worker. Every element of C is summed
// the same way whatever block holds it, so the cut never changes a bit.
func (g *gemm) split() {
	kn := g.kern
	g.mc, g.nc = kn.mc, kn.nc
	want := 1
	if g.parallel {
		want = tasksPerWorker * runtime.GOMAXPROCS(0)
	}
	tasks := func() int { return ceilDiv(g.m, g.mc) * ceilDiv(g.n, g.nc) }
	for tasks() < want && g.nc > kn.nr {
		g.nc = max(kn.nr, g.nc/2/kn.nr*kn.nr)
	}
	for tasks() < want && g.mc > kn.mr {
		g.mc = max(kn.mr, g.mc/2/kn.mr*kn.mr)
	}
	g.mt, g.nt = ceilDiv(g.m, g.mc), ceilDiv(g.n, g.nc)
}

// run calls fn for each task, on the workers when the call is parallel.
func (g *gemm) run(tasks int, fn func(int, *scratch)) {
	if g.parallel {
		workers.run(tasks, fn, &g.own)
		return
	}
	for t := range tasks {
		fn(t, &g.own)
	}
}

// pack runs packing task t: B's panels first, then A's row blocks.
func (g *gemm) pack(t int, _ *scratch) {
	if t < g.bTasks {
		g.packBPanels(t)
		return
	}
	i0 := (t - g.bTasks) * g.mc
	rows := min(g.mc, g.m-i0)
	g.packA(g.ap[i0*g.kb:(i0+ceilDiv(rows, g.kern.mr)*g.kern.mr)*g.kb], i0, rows)
}

// packBPanels packs B panels [p·packedCols, (p+1)·packedCols) of the
// current depth block: nr columns per depth step, zero-padded.
func (g *gemm) packBPanels(p int) {
	nr, kb, pc, ldb := g.kern.nr, g.kb, g.pc, g.ldb
	for q := p * g.packedCols; q < min((p+1)*g.packedCols, ceilDiv(g.n, nr)); q++ {
		dst := g.bp[q*nr*kb : (q+1)*nr*kb]
		j0 := q * nr
		cols := min(nr, g.n-j0)
		if g.inPlaceB(cols) {
			continue
		}
		if g.bT {
			for j := range cols {
				src := g.b[(j0+j)*ldb+pc : (j0+j)*ldb+pc+kb]
				for p, v := range src {
					dst[p*nr+j] = v
				}
			}
			if cols < nr {
				for p := range kb {
					clear(dst[p*nr+cols : p*nr+nr])
				}
			}
			continue
		}
		for p := range kb {
			d := dst[p*nr : p*nr+nr]
			copy(d[:cols], g.b[(pc+p)*ldb+j0:(pc+p)*ldb+j0+cols])
			clear(d[cols:])
		}
	}
}

// packA packs rows [i0, i0+rows) of alpha·op(A) in the current depth block
// into mr-row panels, zero-padded to whole panels, filling dst.
func (g *gemm) packA(dst []float32, i0, rows int) {
	mr, kb, pc, lda, alpha := g.kern.mr, g.kb, g.pc, g.lda, g.alpha
	panels := ceilDiv(rows, mr)
	for q := range panels {
		pan := dst[q*mr*kb : (q+1)*mr*kb]
		r0 := i0 + q*mr
		valid := min(mr, i0+rows-r0)
		if valid == mr && g.direct {
			continue // the kernel reads these rows in place
		}
		if g.aT {
			for p := range kb {
				src := g.a[(pc+p)*lda+r0 : (pc+p)*lda+r0+valid]
				d := pan[p*mr : p*mr+mr]
				for r, v := range src {
					d[r] = alpha * v
				}
				clear(d[valid:])
			}
			continue
		}
		var rows [maxMR][]float32
		for r := range valid {
			rows[r] = g.a[(r0+r)*lda+pc : (r0+r)*lda+pc+kb]
		}
		for p := range kb {
			d := pan[p*mr : p*mr+mr]
			for r := range valid {
				d[r] = alpha * rows[r][p]
			}
			clear(d[valid:])
		}
	}
}

// block computes task t: rows mc·(t/nt)… and columns nc·(t%nt)… of C for
// the current depth block.
func (g *gemm) block(t int, s *scratch) {
	kn := g.kern
	mr, nr, kb := kn.mr, kn.nr, g.kb
	i0, j0 := (t/g.nt)*g.mc, (t%g.nt)*g.nc
	rows, jEnd := min(g.mc, g.m-i0), min(j0+g.nc, g.n)
	s.tile = grow(s.tile, mr*nr)
	for j := j0; j < jEnd; j += nr {
		bpan, bs := g.bp[(j/nr)*nr*kb:], nr
		cols := min(nr, jEnd-j)
		if g.inPlaceB(cols) {
			bpan, bs = g.b[g.pc*g.ldb+j:], g.ldb
		}
		for ir := 0; ir < rows; ir += mr {
			i := i0 + ir
			apan, rs, ps := g.ap[(i/mr)*mr*kb:], 1, mr
			switch {
			case ir+mr > rows || !g.direct:
			case g.aT:
				apan, rs, ps = g.a[g.pc*g.lda+i:], 1, g.lda
			default:
				apan, rs, ps = g.a[i*g.lda+g.pc:], g.lda, 1
			}
			first := g.bias != nil && g.pc == 0
			if ir+mr <= rows && cols == nr {
				if first {
					kn.run(kb, apan, rs, ps, bpan, bs, g.c[i*g.ldc+j:], g.ldc, g.bias[j:], 0)
				} else {
					kn.run(kb, apan, rs, ps, bpan, bs, g.c[i*g.ldc+j:], g.ldc, g.c[i*g.ldc+j:], g.ldc)
				}
				continue
			}
			tile := s.tile[:mr*nr]
			clear(tile)
			kn.run(kb, apan, rs, ps, bpan, bs, tile, nr, tile, nr)
			for r := range min(mr, rows-ir) {
				cr := g.c[(i+r)*g.ldc+j : (i+r)*g.ldc+j+cols]
				if first {
					for x, v := range tile[r*nr : r*nr+cols] {
						cr[x] = g.bias[j+x] + v
					}
					continue
				}
				for x, v := range tile[r*nr : r*nr+cols] {
					cr[x] += v
				}
			}
		}
	}
}

// inPlaceB reports whether a panel of cols columns of B is read where it
// lies instead of packed: a whole panel of untransposed B is nr consecutive
// values per depth step already, ldb apart. Packing pays only when several
// row blocks reuse the panel (its rows, ldb apart, can collide in the L1
// cache); with one row block (a weight gradient, m = d_model) the copy is
// pure cost.
func (g *gemm) inPlaceB(cols int) bool { return !g.bT && cols == g.kern.nr && g.m <= g.kern.mc }

// maxMR bounds every kernel's mr.
const maxMR = 16

func ceilDiv(a, b int) int { return (a + b - 1) / b }

func grow(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}
