#!/usr/bin/env python3
"""Recompute testdata/torch/*.json with PyTorch (the Go reference tests read them).

Needs PyTorch (Debian: apt-get install -y python3-torch). From the project root:

    python3 scripts/torch_reference.py            # check: recompute, compare with the committed files
    python3 scripts/torch_reference.py --write    # rewrite every out.* and grad.* from PyTorch
    python3 scripts/torch_reference.py --write --fresh 7   # new random inputs and parameters too

Each file keeps its inputs and parameters (in.*, param.*); every output (out.*)
and gradient (grad.*) is what PyTorch computes from them in float64, as
testdata/torch/README.md describes. --fresh SEED draws new float inputs and
parameters of the same shapes (token ids, targets and padding masks are kept).
"""
import argparse, glob, json, math, os, sys
import torch
import torch.nn.functional as F
from torch import nn

torch.set_default_dtype(torch.float64)
DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata", "torch")
TOL = 1e-9  # max |got - committed| / max(1, |committed|)
KEEP = {"in.ids", "in.target", "in.pad"}  # integer or boolean inputs: never redrawn


def t(d, name):
    v = d["tensors"][name]
    return torch.tensor(v["data"], dtype=torch.float64).reshape(v["shape"])


def load(module, d, prefix="param."):
    """Copies param.* tensors into a module, strictly: each name once, no name missing."""
    want = {k[len(prefix):] for k in d["tensors"] if k.startswith(prefix)}
    got = dict(module.named_parameters())
    if want != set(got):
        sys.exit(f"parameters differ: file has {sorted(want - set(got))}, module {sorted(set(got) - want)}")
    with torch.no_grad():
        for name, p in got.items():
            p.copy_(t(d, prefix + name))


def grads(module):
    return {"grad." + n: p.grad for n, p in module.named_parameters()}


def optimizer(d, cls):
    c = d["config"]
    w = t(d, "in.w0").clone().requires_grad_(True)
    opt = cls([w], lr=c["lr"], betas=tuple(c["betas"]), eps=c["eps"], weight_decay=c["weight_decay"])
    out = {}
    for n in (1, 2, 3):
        w.grad = t(d, f"in.grad{n}")
        opt.step()
        out[f"out.w{n}"] = w.detach().clone()
    return out


def clip(d):
    ps = [torch.zeros_like(t(d, n), requires_grad=True) for n in ("in.g0", "in.g1")]
    for p, n in zip(ps, ("in.g0", "in.g1")):
        p.grad = t(d, n).clone()
    total = nn.utils.clip_grad_norm_(ps, max_norm=d["config"]["max_norm"])
    return {"out.total_norm": total.reshape(1), "out.g0": ps[0].grad, "out.g1": ps[1].grad}


def cross_entropy(d):
    logits = t(d, "in.logits").requires_grad_(True)
    loss = F.cross_entropy(logits, t(d, "in.target").long(), ignore_index=d["config"]["ignore_index"])
    loss.backward()
    return {"out.loss": loss.detach().reshape(1), "grad.logits": logits.grad}


def gelu(d):
    x = t(d, "in.x").requires_grad_(True)
    y = F.gelu(x)
    y.sum().backward()
    return {"out.y": y.detach(), "grad.x": x.grad}


def layernorm(d):
    x = t(d, "in.x").requires_grad_(True)
    ln = nn.LayerNorm(x.shape[-1], eps=d["config"]["eps"])
    load(ln, d)
    y = ln(x)
    (y * t(d, "in.R")).sum().backward()
    return {"out.y": y.detach(), "grad.x": x.grad, **grads(ln)}


def mha(d):
    c = d["config"]
    x = t(d, "in.x").requires_grad_(True)
    m = nn.MultiheadAttention(c["d_model"], c["heads"], dropout=0.0, batch_first=True)
    load(m, d)
    o, attn = m(x, x, x, key_padding_mask=t(d, "in.pad").bool(), need_weights=True, average_attn_weights=False)
    (o * t(d, "in.R")).sum().backward()
    return {"out.o": o.detach(), "out.attn": attn.detach(), "grad.x": x.grad, **grads(m)}


def encoder_layer(d):
    c = d["config"]
    x = t(d, "in.x").requires_grad_(True)
    layer = nn.TransformerEncoderLayer(c["d_model"], c["heads"], c["ff"], dropout=0.0, activation=c["activation"],
                                       layer_norm_eps=c["eps"], batch_first=True, norm_first=c["norm_first"])
    load(layer, d)
    y = layer(x, src_key_padding_mask=t(d, "in.pad").bool())
    (y * t(d, "in.R")).sum().backward()
    return {"out.y": y.detach(), "grad.x": x.grad, **grads(layer)}


def sinusoidal(max_len, dim):
    pe = torch.zeros(max_len, dim)
    pos = torch.arange(max_len, dtype=torch.float64).unsqueeze(1)
    div = torch.exp(torch.arange(0, dim, 2, dtype=torch.float64) * (-math.log(10000.0) / dim))
    pe[:, 0::2] = torch.sin(pos * div)
    pe[:, 1::2] = torch.cos(pos * div)
    return pe


class TinyEncoder(nn.Module):
    """The model of scripts/tiny.py, in float64 (its sinusoidal table aside)."""

    def __init__(self, c):
        super().__init__()
        self.embed = nn.Embedding(c["vocab"], c["d_model"])
        if c["pos"] == "learned":
            self.pos = nn.Embedding(c["max_len"], c["d_model"])
        else:
            # As tiny.py: the table is stored in float32, then widened.
            self.register_buffer("pe", sinusoidal(c["max_len"], c["d_model"]).float().double(), persistent=False)
        layer = nn.TransformerEncoderLayer(c["d_model"], c["heads"], c["ff"], 0.0, c["activation"], layer_norm_eps=c["eps"],
                                           batch_first=True, norm_first=c["norm_first"])
        norm = nn.LayerNorm(c["d_model"], eps=c["eps"]) if c["norm_first"] else None
        self.encoder = nn.TransformerEncoder(layer, c["layers"], norm=norm, enable_nested_tensor=False)
        self.mlm_head = nn.Linear(c["d_model"], c["vocab"])

    def forward(self, ids):
        T = ids.shape[1]
        p = self.pos.weight[:T] if hasattr(self, "pos") else self.pe[:T]
        h = self.encoder(self.embed(ids) + p, src_key_padding_mask=ids == 0)
        return h, self.mlm_head(h)


def model(d):
    m = TinyEncoder(d["config"])
    load(m, d)
    h, logits = m(t(d, "in.ids").long())
    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), t(d, "in.target").long().reshape(-1), ignore_index=-100)
    loss.backward()
    return {"out.hidden": h.detach(), "out.logits": logits.detach(), "out.loss": loss.detach().reshape(1), **grads(m)}


COMPUTE = {
    "adam": lambda d: optimizer(d, torch.optim.Adam),
    "adamw": lambda d: optimizer(d, torch.optim.AdamW),
    "clip_grad_norm": clip,
    "cross_entropy": cross_entropy,
    "encoder_layer_post_relu": encoder_layer,
    "encoder_layer_pre_gelu": encoder_layer,
    "gelu": gelu,
    "layernorm": layernorm,
    "mha": mha,
    "model_post_relu_learned": model,
    "model_pre_gelu_sinusoidal": model,
    "sinusoidal": lambda d: {"out.pe": sinusoidal(d["config"]["max_len"], d["config"]["d_model"])},
}


def redraw(d, gen):
    """New float inputs and parameters: N(0, 0.5^2), norm weights around 1."""
    for name, v in d["tensors"].items():
        if name in KEEP or not name.startswith(("in.", "param.")):
            continue
        x = torch.randn(v["shape"], generator=gen) * 0.5
        if name.startswith("param.") and "norm" in name and name.endswith("weight") or name == "param.weight":
            x = 1 + x * 0.2
        v["data"] = x.reshape(-1).tolist()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="rewrite the files instead of comparing")
    ap.add_argument("--fresh", type=int, metavar="SEED", help="with --write: draw new inputs and parameters")
    args = ap.parse_args()
    if args.fresh is not None and not args.write:
        ap.error("--fresh needs --write")
    gen = torch.Generator().manual_seed(args.fresh or 0)
    names = sorted(os.path.splitext(os.path.basename(p))[0] for p in glob.glob(os.path.join(DIR, "*.json")))
    if set(names) != set(COMPUTE):
        sys.exit(f"files {names} and recipes {sorted(COMPUTE)} differ")
    bad = 0
    for name in names:
        path = os.path.join(DIR, name + ".json")
        d = json.load(open(path))
        if args.fresh is not None:
            redraw(d, gen)
        out = COMPUTE[name](d)
        if set(out) != {k for k in d["tensors"] if k.startswith(("out.", "grad."))}:
            sys.exit(f"{name}: computed {sorted(out)}, the file holds other outputs")
        worst = 0.0
        for k, v in out.items():
            old = t(d, k)
            worst = max(worst, ((v - old).abs() / old.abs().clamp(min=1)).max().item())
            d["tensors"][k] = {"shape": list(v.shape), "data": v.reshape(-1).tolist()}
        if args.write:
            with open(path, "w") as f:
                json.dump(d, f)
            print(f"{name}: written (largest change {worst:.2g})")
        else:
            ok = worst <= TOL
            bad += not ok
            print(f"{name}: {'ok' if ok else 'DIFFERS'} (largest relative difference {worst:.2g}, tolerance {TOL:g})")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
