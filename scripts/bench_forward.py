"""PyTorch twin of attend's inference benchmark, for scripts/bench.sh.

The same forward pass as BenchmarkForward (model/forward_bench_test.go):
token embedding plus sinusoidal positions, L pre-norm encoder layers (GELU),
the final LayerNorm, and a 12-class sense head on one target row per
sentence; eval mode under torch.no_grad(), and every layer's vectors and its
per-head attention weights kept (need_weights=True,
average_attn_weights=False), as the explorer and the quick look read them.
The last 3 positions of each sentence are padding.

Usage: python3 scripts/bench_forward.py B1_T20_D64_H4_F256_L2_V19438 [...]
Prints, per shape and thread count (1 and 2): shape threads forward_ms_median
"""
import re
import statistics
import sys
import time

import torch
from torch import nn

from tiny import sinusoidal  # the reference encoder's table, beside this script

SENSES = 12  # the default run's sense head, as forwardSenses


class Encoder(nn.Module):
    def __init__(self, V, D, H, F, L, max_len):
        super().__init__()
        self.embed = nn.Embedding(V, D)
        self.register_buffer("pe", sinusoidal(max_len, D).float(), persistent=False)
        layer = nn.TransformerEncoderLayer(D, H, F, 0.0, "gelu", layer_norm_eps=1e-5,
                                           batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, L, norm=nn.LayerNorm(D),
                                             enable_nested_tensor=False)
        self.sense_head = nn.Linear(D, SENSES)

    def forward(self, ids, target):
        pad = ids == 0
        x = self.embed(ids) + self.pe[:ids.shape[1]]
        hidden, attn = [x], []
        for i, layer in enumerate(self.encoder.layers):
            h = layer.norm1(x)
            a, w = layer.self_attn(h, h, h, key_padding_mask=pad, need_weights=True,
                                   average_attn_weights=False)
            x = x + a
            x = x + layer.linear2(layer.activation(layer.linear1(layer.norm2(x))))
            if i == len(self.encoder.layers) - 1:
                x = self.encoder.norm(x)
            hidden.append(x)
            attn.append(w)
        logits = self.sense_head(x[torch.arange(ids.shape[0]), target])
        return hidden, attn, logits


def time_shape(name, threads):
    s = dict((k, int(v)) for k, v in re.findall(r"([A-Z])(\d+)", name))
    B, T, D, H, F, L, V = (s[k] for k in "BTDHFLV")
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    m = Encoder(V, D, H, F, L, max(T, 32)).eval()
    ids = torch.randint(4, V, (B, T))
    ids[:, T - 3:] = 0
    target = torch.arange(B) % (T - 3)

    def forward():
        with torch.no_grad():
            return m(ids, target)

    for _ in range(10):
        forward()
    ts, start = [], time.perf_counter()
    while len(ts) < 20 or (len(ts) < 1000 and time.perf_counter() - start < 2):
        t0 = time.perf_counter()
        forward()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts) * 1e3


for name in sys.argv[1:]:
    for threads in (1, 2):
        print(f"{name} {threads} {time_shape(name, threads):.3f}", flush=True)
