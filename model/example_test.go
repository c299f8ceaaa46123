package model_test

import (
	"fmt"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/model"
)

// A model is built for one batch shape; Resized predicts with another, here
// one sentence of three tokens, sharing the weights.
func ExampleModel_Resized() {
	cfg := model.Config{Vocab: 10, Senses: 2, Shape: arch.Shape{DModel: 8, Heads: 2, FF: 16, Layers: 2, MaxLen: 6,
		NormFirst: true, Activation: arch.GELU, Positions: arch.Sinusoidal}}
	m, err := model.New(cfg, 32, 6, model.Options{Loss: []string{"sense"}, Grad: true, Observe: true, Seed: 1})
	if err != nil {
		panic(err)
	}
	one, err := m.Resized(1, 3)
	if err != nil {
		panic(err)
	}
	b := data.Batch{B: 1, T: 3, IDs: []int{4, 5, 6}, Labels: []int{data.IgnoreLabel, data.IgnoreLabel, data.IgnoreLabel},
		Pad: make([]bool, 3), Target: []int{1}, Sense: []int{0}, Index: []int{0}}
	r, err := one.Run(b, false, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("representations:", len(one.Hidden()), "vector of the target:", len(one.Vector(2, 0, 1)))
	fmt.Println("labelled targets:", r.Accuracy("sense").Count)
	// Output:
	// representations: 3 vector of the target: 8
	// labelled targets: 1
}
