package graph

// The steps of ReadableAttention, for the tests of each (finite differences,
// layouts) in package graph_test; not part of the API.
var (
	SplitHeads    = (*Graph).splitHeads
	MergeHeads    = (*Graph).mergeHeads
	MaskedSoftmax = (*Graph).maskedSoftmax
	BatchedMatMul = (*Graph).batchedMatMul
)
