package textlist

import "testing"

func TestShort(t *testing.T) {
	for _, tt := range []struct {
		items []string
		most  int
		want  string
	}{
		{nil, 3, ""},
		{[]string{"a"}, 3, "a"},
		{[]string{"a", "b", "c"}, 3, "a, b, c"},
		{[]string{"a", "b", "c", "d"}, 3, "a, b, c and 1 more"},
		{[]string{"a", "b", "c", "d", "e"}, 2, "a, b and 3 more"},
	} {
		if got := Short(tt.items, tt.most); got != tt.want {
			t.Errorf("Short(%q, %d) = %q, want %q", tt.items, tt.most, got, tt.want)
		}
	}
}
