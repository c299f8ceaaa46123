package model

// IgnoreLabel marks positions of Batch.Labels that take no part in the
// masked-language-model loss: PyTorch's ignore_index; graph's losses skip
// every negative label.
const IgnoreLabel = -100

// Batch is B sentences padded to T tokens, in row-major layout.
// T is fixed (data's batcher uses maxLen, not the longest sentence of the
// batch), so a model graph built for one shape serves every batch.
type Batch struct {
	B, T   int
	IDs    []int  // B*T input ids after masking; PadID on padding
	Labels []int  // B*T: the original id where a token was chosen for the MLM loss, else IgnoreLabel
	Pad    []bool // B*T: true on padding
	Target []int  // B: position of the target word, -1 when the sentence is unlabelled
	Sense  []int  // B: index into the sense label list, -1 when unlabelled or label unknown
	Index  []int  // B: index of the sentence in the dataset (-1 for a padding-only row)
}
