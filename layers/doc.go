// Package layers holds the transformer encoder's building blocks, one readable
// file each: token embedding, positional encoding, multi-head self-attention,
// layer norm, feed-forward, encoder layer and stack, and linear heads.
//
// Every layer owns named parameters (PyTorch's state-dict names and shapes) in a
// graph.Graph and adds nodes to it in Forward; gradients come from the graph.
// Activations are 2-D, [B*T, D]: one row per token of the fixed-shape batch.
package layers
