package optim

import (
	"encoding/json"
	"fmt"
)

// DecodeStateJSON reads the optimizer.json of checkpoints written before the
// safetensors file.
func DecodeStateJSON(b []byte, name string) (State, error) {
	var s State
	if err := json.Unmarshal(b, &s); err != nil {
		return State{}, fmt.Errorf("%s: %w", name, err)
	}
	return s, nil
}
