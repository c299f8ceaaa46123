// Package data turns text into what the attention model trains on: a
// tokenizer, a vocabulary, a built-in toy word-sense corpus, loaders for
// user data, the dataset a config names (Load), and batchers that apply
// BERT-style masking.
//
// The built-in corpus exists to make one point visible: an ambiguous word
// such as "bank" is the same token (and so the same input embedding) in
// "she fished from the grassy bank" and "she paid the loan at the bank", and
// only self-attention over the surrounding words can give the two
// occurrences different contextual vectors. Every sense therefore owns a
// context vocabulary that the other sense of the same word never uses.
//
// Everything random is driven by math/rand/v2 PCG sources built from
// caller-supplied seeds, never the clock, so a run is reproducible and a
// Batcher can be checkpointed and resumed exactly (see Cursor).
package data
