package data

import "encoding/json"

// TokenizerJSON writes a WordPiece vocabulary in Hugging Face's tokenizer.json
// format, so that their tokenizers (Rust, Python, tokenizers.js) read text
// into the ids attend's model reads:
//
//   - normalizer Lowercase, as Tokenize lower-cases;
//   - pre-tokenizer Split keeping the runs of letters and decimal digits
//     (\p{L}, \p{Nd}: Go's unicode.IsLetter and IsDigit) and removing the rest,
//     as Tokenize does; no [CLS]/[SEP] are added (post_processor null);
//   - model WordPiece with "##" continuations and MaxWordRunes.
//
// Two differences remain, both outside ordinary text: the specials are
// Hugging Face added tokens, so a literal "[MASK]" in the text is the mask
// token there and the word "mask" here; and full Unicode lower-casing maps a
// few letters (İ, a word-final Σ) otherwise than Go's per-letter
// unicode.ToLower.
func (v *Vocab) TokenizerJSON() ([]byte, error) {
	type added struct {
		ID         int    `json:"id"`
		Content    string `json:"content"`
		SingleWord bool   `json:"single_word"`
		LStrip     bool   `json:"lstrip"`
		RStrip     bool   `json:"rstrip"`
		Normalized bool   `json:"normalized"`
		Special    bool   `json:"special"`
	}
	var specials []added
	for id, w := range v.words[:numSpecial] {
		specials = append(specials, added{ID: id, Content: w, Special: true})
	}
	vocab := make(map[string]int, len(v.words))
	for id, w := range v.words {
		vocab[w] = id
	}
	doc := map[string]any{
		"version":      "1.0",
		"truncation":   nil,
		"padding":      nil,
		"added_tokens": specials,
		"normalizer":   map[string]any{"type": "Lowercase"},
		"pre_tokenizer": map[string]any{
			"type":     "Split",
			"pattern":  map[string]string{"Regex": `[\p{L}\p{Nd}]+`},
			"behavior": "Removed",
			"invert":   true,
		},
		"post_processor": nil,
		"decoder":        map[string]any{"type": "WordPiece", "prefix": ContinuationPrefix, "cleanup": false},
		"model": map[string]any{
			"type":                      "WordPiece",
			"unk_token":                 UnkToken,
			"continuing_subword_prefix": ContinuationPrefix,
			"max_input_chars_per_word":  MaxWordRunes,
			"vocab":                     vocab,
		},
	}
	return json.MarshalIndent(doc, "", " ")
}
