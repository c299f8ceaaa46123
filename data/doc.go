// Package data turns text into what the attention model trains on: a
// tokenizer (words or WordPiece), a vocabulary, loaders for user files, the
// Dataset that Options name (Load), and batchers that apply BERT-style
// masking.
//
// It knows no config and no corpus: the built-in word-sense corpus lives in
// package corpus, which also adapts a config to Options, so that a program
// of its own can use this machinery with its own sentences.
//
// Everything random is driven by math/rand/v2 PCG sources built from
// caller-supplied seeds, never the clock, so a run is reproducible and a
// Batcher can be checkpointed and resumed exactly (see Cursor).
package data
