"""PyTorch twin of attend's training step, for scripts/bench.sh.

The same model as attend's MLM encoder: token embedding plus sinusoidal
positions, L pre-norm TransformerEncoderLayers (GELU, no dropout), a final
LayerNorm, an untied MLM head; masked cross-entropy (ignore_index -100) and
AdamW (lr 1e-3, weight decay 0.01). The batch pads the last 3 positions and
labels every first token and about 15% of the others, as BenchmarkTrainStep.

Usage: python3 scripts/bench_step.py B32_T16_D64_H4_F256_L2_V300 [...]
Prints, per shape and thread count (1 and 2): shape threads step_ms_median
"""
import re
import statistics
import sys
import time

import torch
from torch import nn

from tiny import sinusoidal  # the reference encoder's table, beside this script


class Encoder(nn.Module):
    def __init__(self, V, D, H, F, L, max_len):
        super().__init__()
        self.embed = nn.Embedding(V, D)
        self.register_buffer("pe", sinusoidal(max_len, D).float(), persistent=False)
        layer = nn.TransformerEncoderLayer(D, H, F, 0.0, "gelu", layer_norm_eps=1e-5,
                                           batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, L, norm=nn.LayerNorm(D),
                                             enable_nested_tensor=False)
        self.mlm_head = nn.Linear(D, V)

    def forward(self, ids):
        x = self.embed(ids) + self.pe[:ids.shape[1]]
        return self.mlm_head(self.encoder(x, src_key_padding_mask=ids == 0))


def time_shape(name, threads):
    s = dict((k, int(v)) for k, v in re.findall(r"([A-Z])(\d+)", name))
    B, T, D, H, F, L, V = (s[k] for k in "BTDHFLV")
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    m = Encoder(V, D, H, F, L, max(T, 32))
    opt = torch.optim.AdamW(m.parameters(), lr=1e-3, weight_decay=0.01)
    ids = torch.randint(4, V, (B, T))
    ids[:, T - 3:] = 0
    tgt = torch.full((B, T), -100)
    mask = (torch.rand(B, T) < 0.15) & (ids != 0)
    tgt[mask] = ids[mask]
    tgt[:, 0] = ids[:, 0]

    def step():
        opt.zero_grad(set_to_none=True)
        logits = m(ids)
        loss = nn.functional.cross_entropy(logits.reshape(-1, V), tgt.reshape(-1), ignore_index=-100)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(10):
        step()
    ts, start = [], time.perf_counter()
    while len(ts) < 10 or (len(ts) < 100 and time.perf_counter() - start < 2):
        t0 = time.perf_counter()
        step()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts) * 1e3


for name in sys.argv[1:]:
    for threads in (1, 2):
        print(f"{name} {threads} {time_shape(name, threads):.3f}", flush=True)
