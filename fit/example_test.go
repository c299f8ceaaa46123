package fit_test

import (
	"context"
	"fmt"

	"github.com/attendlab/attend/fit"
)

// A loop needs a step function and a step count; here gradient descent on
// (x-3)², validated every 20 steps by the distance to 3, with a hook that
// logs validations and the end. Checkpoint is left out: nothing is saved.
func Example() {
	x := 0.0
	l := &fit.Loop[float64, float64]{
		Steps: 60,
		Step: func(step int) (float64, error) {
			grad := 2 * (x - 3)
			x -= 0.05 * grad
			return (x - 3) * (x - 3), nil // the loss, for OnStep hooks
		},
		Validate: func(step int) (float64, error) { return 3 - x, nil },
	}
	l.Hooks = []fit.Hook[float64, float64]{
		l.ValidateEvery(20),
		{
			OnValidation: func(d float64) error { fmt.Printf("step %d: 3 - x = %.4f\n", l.Done, d); return nil },
			OnEnd:        func(step int, interrupted bool) error { fmt.Printf("done at step %d, x = %.4f\n", step, x); return nil },
		},
	}
	if err := l.Run(context.Background()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// step 20: 3 - x = 0.3647
	// step 40: 3 - x = 0.0443
	// step 60: 3 - x = 0.0054
	// done at step 60, x = 2.9946
}
