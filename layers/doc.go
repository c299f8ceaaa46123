// Package layers holds the transformer encoder's building blocks, one readable
// file each: token embedding, positional encoding, multi-head self-attention,
// layer norm, feed-forward, encoder layer and stack, and linear heads.
//
// Every layer declares its parameters (PyTorch's state-dict names and shapes) in
// a graph.Graph and keeps their *graph.Param handles as fields, so code outside
// the layer reaches a parameter through the layer, never by spelling its name.
// Forward adds nodes to the graph; gradients come from the graph.
// Activations are 2-D, [B*T, D]: one row per token of the fixed-shape batch.
package layers
