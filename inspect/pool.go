package inspect

import (
	"sync"

	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/modelfile"
)

// keepIdle is how many built models of one shape the pool keeps for reuse:
// enough for the explorer's concurrent requests on a small machine.
const keepIdle = 8

// modelPool keeps the checkpoint's models for reuse. Building one (its graph
// and a random initialisation later overwritten) costs far more than running
// one sentence through it, so the explorer, which answers many small
// requests, reuses them. A model is used by one caller at a time; all of them
// share the first one's weights, which nothing writes after loading.
type modelPool struct {
	mu   sync.Mutex
	base *model.Model // the loaded weights the others share
	idle map[[2]int][]*model.Model
}

// trained returns the checkpoint's model for batches of batch sentences of
// up to seqLen tokens, and the function that hands it back when the caller
// is done with it. Building it for the longest sentence at hand rather than
// max_len saves the work on padding, and changes no real token's vector:
// padded keys get exactly zero attention.
func (c *Checkpoint) trained(batch, seqLen int) (*model.Model, func(), error) {
	p, key := c.pool, [2]int{batch, seqLen}
	p.mu.Lock()
	if n := len(p.idle[key]); n > 0 {
		m := p.idle[key][n-1]
		p.idle[key] = p.idle[key][:n-1]
		p.mu.Unlock()
		return m, func() { p.put(key, m) }, nil
	}
	base := p.base
	p.mu.Unlock()

	m, err := model.New(c.Config(), batch, seqLen, model.Options{Observe: true})
	if err != nil {
		return nil, nil, loadError(c.Path, err)
	}
	if base != nil {
		err = m.ShareWeights(base)
	} else {
		err = modelfile.Load(m, c.Loaded.File.Tensors)
	}
	if err != nil {
		return nil, nil, loadError(c.Path, err)
	}
	p.mu.Lock()
	if p.base == nil {
		p.base = m
	}
	p.mu.Unlock()
	return m, func() { p.put(key, m) }, nil
}

// put hands a model back for reuse.
func (p *modelPool) put(key [2]int, m *model.Model) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.idle == nil {
		p.idle = map[[2]int][]*model.Model{}
	}
	if len(p.idle[key]) < keepIdle {
		p.idle[key] = append(p.idle[key], m)
	}
}
