package flagvalue

import "testing"

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		name, value, want string
	}{
		{"config", "configs/bank.yaml", ""},
		{"out", "-", ""}, // one dash is a value (a file named "-"), not a flag
		{"out", "", "--out is empty"},
		{"out", "  ", "--out is empty"},
		{"config", "--out", "--config needs a value before the next flag (got --out)"},
	} {
		err := Check(tt.name, tt.value)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Check(%q, %q) = %q, want %q", tt.name, tt.value, got, tt.want)
		}
	}
}
