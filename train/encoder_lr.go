package train

import "strings"

// encoderGroup is the encoder layers' share of the parameters, which
// train.encoder_lr and train.freeze_steps set apart from the embeddings and
// the heads: what --init-from brings that a few sentences should not undo.
type encoderGroup struct {
	index []int       // positions in the optimizer's Params
	old   [][]float32 // their values before the step
}

// newEncoderGroup finds the encoder's trained parameters (named encoder.*).
func (tr *Trainer) newEncoderGroup() encoderGroup {
	var g encoderGroup
	for i, p := range tr.opt.Params() {
		if strings.HasPrefix(p.Name, "encoder.") {
			g.index = append(g.index, i)
			g.old = append(g.old, make([]float32, len(p.Value)))
		}
	}
	return g
}

// encoderFactor is the encoder's learning rate relative to the others' at
// step (1-based): 0 while frozen, encoder_lr/lr after, 1 when not set.
func (tr *Trainer) encoderFactor(step int) float32 {
	t := tr.Cfg.Train
	switch {
	case step <= t.FreezeSteps:
		return 0
	case t.EncoderLR > 0 && t.LR > 0:
		return float32(t.EncoderLR / t.LR)
	}
	return 1
}

// before keeps the encoder's values when this step scales its update.
func (g *encoderGroup) before(tr *Trainer, f float32) {
	if f == 1 {
		return
	}
	for k, i := range g.index {
		copy(g.old[k], tr.opt.Params()[i].Value)
	}
}

// after scales the encoder's update by f: every optimizer here moves a
// parameter by an amount proportional to the learning rate (decay included),
// so old + f·(new - old) is the step at f times the rate; f = 0 restores it.
func (g *encoderGroup) after(tr *Trainer, f float32) {
	if f == 1 {
		return
	}
	for k, i := range g.index {
		v, old := tr.opt.Params()[i].Value, g.old[k]
		if f == 0 {
			copy(v, old)
			continue
		}
		for j := range v {
			v[j] = old[j] + f*(v[j]-old[j])
		}
	}
}
