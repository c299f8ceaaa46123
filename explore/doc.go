// Package explore is attend's explorer: one page, served by eval --serve or
// written as a single file by eval --html, that shows what a trained
// checkpoint does with an ambiguous word. Its views are the command line's,
// made to poke at: the quick look's cosines and the model's verdicts, the
// attention of every layer and head, one head step by step, the word's
// senses map and the run's training curves.
//
// The numbers come from package inspect, the code behind eval --json,
// --explain and the quick look; the page only recomputes one thing itself,
// the softmax of the raw scores under another divisor (the notebook's "why
// divide by √d_k").
//
// The JSON API, GET /api/analyze with the page's own query string
// (?word=W&s=SENTENCE&s=...&layer=L&head=H&focus=F), returns everything the
// page shows for those sentences; docs/explorer.md documents its fields.
package explore
