// Package data turns text into what the attention model trains on: a
// tokenizer, a vocabulary, a built-in toy word-sense corpus, loaders for
// user data, the dataset a config names (Load), and batchers that apply
// BERT-style masking.
//
// The built-in corpus exists to make one point visible: an ambiguous word
// such as "bank" is the same token (and so the same input embedding) in
// "she fished from the grassy bank" and "she paid the loan at the bank", and
// only self-attention over the surrounding words can give the two
// occurrences different contextual vectors. It is written by a small phrase
// grammar (grammar.go) in everyday English: both senses of a word share the
// sentence patterns (patterns.go) and the people, times, places and side
// clauses around them (phrases*.go), so only the words a sense puts in its
// slots (lexicon_*.go) tell the senses apart, no single one of them often
// (see cue_test.go), and a sense's telling words also turn up in the other
// sense's sentences in clauses that do not touch the target.
//
// Everything random is driven by math/rand/v2 PCG sources built from
// caller-supplied seeds, never the clock, so a run is reproducible and a
// Batcher can be checkpointed and resumed exactly (see Cursor).
package data
