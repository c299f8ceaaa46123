package data

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestCursorRestore(t *testing.T) {
	sents, v, labels := fixture(t)
	const seed, batch, maxLen = 42, 9, 20
	mask := MaskConfig{Prob: 0.15}
	tests := []struct{ k, n int }{{0, 5}, {3, 10}, {11, 30}, {12, 4}}
	for _, tt := range tests {
		a, err := NewBatcher(sents, v, labels, batch, maxLen, mask, seed)
		if err != nil {
			t.Fatal(err)
		}
		for range tt.k {
			a.Next()
		}
		blob, err := json.Marshal(a.Cursor())
		if err != nil {
			t.Fatal(err)
		}
		var want []Batch
		for range tt.n {
			want = append(want, a.Next())
		}

		var c Cursor
		if err := json.Unmarshal(blob, &c); err != nil {
			t.Fatal(err)
		}
		b, err := NewBatcher(sents, v, labels, batch, maxLen, mask, seed)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Restore(c); err != nil {
			t.Fatalf("k=%d: Restore: %v", tt.k, err)
		}
		for i := range tt.n {
			if got := b.Next(); !reflect.DeepEqual(got, want[i]) {
				t.Fatalf("k=%d: batch %d after restore differs", tt.k, i)
			}
		}
	}
}

func TestCursorRestoreErrors(t *testing.T) {
	sents, v, labels := fixture(t)
	b, err := NewBatcher(sents, v, labels, 4, 20, MaskConfig{Prob: 0.15}, 1)
	if err != nil {
		t.Fatal(err)
	}
	b.Next()
	good := b.Cursor()
	tests := []struct {
		name string
		edit func(*Cursor)
		want string
	}{
		{"seed", func(c *Cursor) { c.Seed = 2 }, "seed"},
		{"size", func(c *Cursor) { c.Size = 3 }, "dataset"},
		{"pos", func(c *Cursor) { c.Pos = len(sents) }, "out of range"},
		{"negative epoch", func(c *Cursor) { c.Epoch = -1 }, "out of range"},
		{"rng", func(c *Cursor) { c.RNG = []byte("junk") }, "rng"},
	}
	for _, tt := range tests {
		c := good
		c.RNG = slices.Clone(good.RNG)
		tt.edit(&c)
		err := b.Restore(c)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
		if got := b.Cursor(); !reflect.DeepEqual(got, good) {
			t.Errorf("%s: failed Restore changed the batcher: %+v", tt.name, got)
		}
	}
}
