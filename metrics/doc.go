// Package metrics measures and draws how well a word's vectors separate its
// senses.
//
// The project's claim is simple: a static embedding table gives an
// ambiguous word such as "bank" the same vector in every sentence, while a
// self-attention encoder gives it a vector that depends on the context
// (river bank vs. money bank). This package turns that claim into numbers
// and pictures that a learner can check:
//
//   - PairAUC, SenseGap and SelfSimAdj look at pairs of occurrences and
//     ask whether same-sense pairs are more similar than different-sense
//     pairs.
//   - KNNAccuracy and CentroidAccuracy ask whether a very simple classifier
//     can read the sense off the vector, to be compared with Majority, the
//     score of always guessing the most frequent sense.
//   - SelfSimAdjusted is Ethayarajh's (2019) "self-similarity", corrected
//     for the fact that all vectors of a layer may point in roughly the same
//     direction (anisotropy).
//   - Bootstrap gives a confidence interval for any of these scores, so a
//     reader can tell a real difference from noise in a small sample.
//   - PCA2, PlotPCA, PlotLayers and PlotAttention draw the evidence.
//
// Vectors are [][]float64, one row per occurrence of the word; senses are
// []int, the sense id of each occurrence. All functions are deterministic:
// the same input gives the same output, bit for bit.
package metrics
