package train

import (
	"testing"

	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/model"
)

// TestObjectivesAreHeads: every objective a config may name is made of
// heads model registers, and every registered head is trained by one of
// them: configs lists the names users write, model defines what they mean.
func TestObjectivesAreHeads(t *testing.T) {
	used := map[string]bool{}
	for _, o := range configs.Objectives {
		c := configs.Config{Objective: o}
		for _, h := range c.Heads() {
			used[h] = true
		}
	}
	for _, s := range model.Heads() {
		if !used[s.Name] {
			t.Errorf("head %q is registered but no objective in configs.Objectives trains it", s.Name)
		}
		delete(used, s.Name)
	}
	for h := range used {
		t.Errorf("configs.Objectives names head %q that model does not register", h)
	}
}
