// Package corpus writes the built-in word-sense corpus, and adapts a
// config's data section to data.Options (Options).
//
// It exists apart from package data, the machinery, so that the corpus's
// word lists and rules can grow without touching the tokenizer, the
// vocabulary or the batchers, and a program with sentences of its own need
// not carry it.
//
// The corpus makes one point visible: an ambiguous word such as "bank" is
// the same token (and so the same input embedding) in "she fished from the
// grassy bank" and "she paid the loan at the bank", and only self-attention
// over the surrounding words can give the two occurrences different
// contextual vectors. It is written by a small phrase grammar (grammar.go)
// in everyday English: both senses of a word share the sentence patterns
// (grammar/patterns.txt) and the people, times, places and side clauses
// around them (grammar/*.txt), so only the words a sense puts in its slots
// (lexicon/WORD.txt)
// tell the senses apart, no single one of them often (see cue_test.go), and
// a sense's telling words also turn up in the other sense's sentences in
// clauses that do not touch the target.
//
// Generation is driven by math/rand/v2 PCG sources built from the seed,
// never the clock, so the same Config writes the same sentences.
package corpus
