"""Check that attend's model files and PyTorch's TinyEncoder agree, both ways.

Needs PyTorch (Debian: apt-get install -y python3-torch); the model is scripts/tiny.py.
Usage, from the project root, after training (go run ./cmd/train):
    python3 scripts/torch_roundtrip.py checkpoints/bank/step-003000/model.safetensors

1. attend -> PyTorch: load the trained model.safetensors into TinyEncoder with
   load_state_dict(strict=True) (the sense head aside) and compare its final
   vectors with `eval --dump-embeddings` for two sentences.
2. PyTorch -> attend: save a fresh post-norm ReLU TinyEncoder with learned
   positions as safetensors with attend metadata, read it with `eval`, compare.
"""
import json, os, struct, subprocess, sys, tempfile
import numpy as np
import torch

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
sys.path.insert(0, here)
from tiny import TinyEncoder  # noqa: E402


def read(path):
    b = open(path, "rb").read()
    n = struct.unpack("<Q", b[:8])[0]
    hdr = json.loads(b[8:8 + n])
    meta = hdr.pop("__metadata__")
    sd = {}
    for k, v in hdr.items():
        s, e = v["data_offsets"]
        sd[k] = torch.from_numpy(np.frombuffer(b[8 + n + s:8 + n + e], dtype="<f4").reshape(v["shape"]).copy())
    return sd, meta


def write(path, sd, meta):
    hdr, body = {}, b""
    for k in sorted(sd):
        raw = sd[k].detach().float().contiguous().numpy().astype("<f4").tobytes()
        hdr[k] = {"dtype": "F32", "shape": list(sd[k].shape), "data_offsets": [len(body), len(body) + len(raw)]}
        body += raw
    hdr["__metadata__"] = meta
    h = json.dumps(hdr).encode()
    h += b" " * (-len(h) % 8)
    open(path, "wb").write(struct.pack("<Q", len(h)) + h + body)


def build(cfg, vocab):
    return TinyEncoder(vocab, cfg["d_model"], cfg["heads"], cfg["ff"], cfg["layers"], max_len=cfg["max_len"],
                       norm_first=cfg["norm_first"], activation=cfg["activation"], pos=cfg["positions"],
                       dropout=0.0).eval()


def dump(checkpoint, sentences, tmp):
    src, out = os.path.join(tmp, "s.txt"), os.path.join(tmp, "d.jsonl")
    open(src, "w").write("\n".join(sentences) + "\n")
    # ATTEND_EVAL: an eval binary already built (the Go test sets it); else go run.
    cmd = [os.environ["ATTEND_EVAL"]] if os.environ.get("ATTEND_EVAL") else ["go", "run", "./cmd/eval"]
    subprocess.run(cmd + ["--checkpoint", os.path.abspath(checkpoint), "--sentences", src,
                    "--dump-embeddings", out], check=True, cwd=root)
    return [json.loads(line) for line in open(out)]


def worst(model, rows):
    w = 0.0
    for d in rows:
        with torch.no_grad():
            h, _ = model(torch.tensor([d["ids"]]))
        w = max(w, float(np.abs(h[0].numpy() - np.array(d["layers"][-1])).max()))
    return w


def main(path):
    sentences = ["he sat on the bank of the river", "kate withdrew cash at the bank before it closed"]
    with tempfile.TemporaryDirectory() as tmp:
        sd, meta = read(path)
        cfg, vocab = json.loads(meta["config"]), json.loads(meta["vocab"])
        m = build(cfg, len(vocab))
        m.load_state_dict({k: v for k, v in sd.items() if not k.startswith("sense_head.")}, strict=True)
        diffs = [worst(m, dump(path, sentences, tmp))]
        print("attend -> PyTorch: max |difference| of final vectors", diffs[0])

        torch.manual_seed(3)
        cfg2 = dict(d_model=32, heads=4, ff=64, layers=2, max_len=20, norm_first=False,
                    activation="relu", positions="learned", dropout=0.0)
        m2 = build(cfg2, len(vocab))
        theirs = os.path.join(tmp, "torch.safetensors")
        write(theirs, m2.state_dict(), {"format": "attend/v1", "config": json.dumps(cfg2), "vocab": json.dumps(vocab)})
        diffs.append(worst(m2, dump(theirs, sentences, tmp)))
        print("PyTorch -> attend: max |difference| of final vectors", diffs[1])
    if max(diffs) > 1e-4:  # float32 on both sides: agreement is about 1e-6
        sys.exit("the two implementations disagree")


if __name__ == "__main__":
    main(sys.argv[1])
