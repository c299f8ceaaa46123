package model

// LastLayerRows reports whether m's last layer computes only its heads' rows.
func LastLayerRows(m *Model) bool { return m.gathered != nil }
