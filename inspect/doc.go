// Package inspect is the logic behind cmd/eval: it opens a trained
// checkpoint and shows, with numbers and pictures, that a static embedding
// gives an ambiguous word such as "bank" one vector in every sentence while
// the self-attention layers give it a vector that depends on the context.
//
// It offers four views, each written to an io.Writer so that the command
// stays a thin layer of flags:
//
//   - the report (BuildReport): for every ambiguous word of an evaluation
//     set and every representation (static, input, layer1..N, untrained),
//     how well the word's vectors separate its senses, with bootstrap
//     confidence intervals, as a table or as JSON;
//   - the quick look (Quick): the cosine between the word's vectors in a few
//     sentences the user types, layer by layer, and per sentence the sense
//     head's verdict and the nearest sense centroid (Verdicts, usable on
//     any targeted sentences with TrainSample's centroids);
//   - the walk-through (Explain): one attention head's computation for one
//     token, redone by hand in float64 from the model's parameters and
//     checked against the model's own attention weights;
//   - the dump (Dump, WriteDump): every token's vector at every layer as
//     JSON lines, for analysis in other tools.
//
// Errors are one line. A request that does not fit the checkpoint (a layer
// it lacks, a typed sentence longer than its max_len) is a UsageError, so
// that the command can tell it from a failure such as a damaged file.
//
// Everything is deterministic: random choices use fixed seeds.
package inspect
