"""Check that attend's model files and PyTorch's TinyEncoder agree, both ways.

Needs PyTorch (Debian: apt-get install -y python3-torch); the model is scripts/tiny.py.
Usage, from the project root, after training (go run ./cmd/train):
    python3 scripts/torch_roundtrip.py checkpoints/bank/step-003000/model.safetensors

1. attend -> PyTorch: load the trained model.safetensors into TinyEncoder with
   load_state_dict(strict=True) (the sense head aside) and compare its final
   vectors with `eval --dump-embeddings` for two sentences.
2. PyTorch -> attend: save a fresh post-norm ReLU TinyEncoder with learned
   positions as safetensors with attend metadata, read it with `eval`, compare.
The ids fed to PyTorch are those eval dumps; for a WordPiece run they are
checked against the tokenizer.json beside the model file, and the PyTorch-made
file keeps the run's data section, so both directions read the same pieces.
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


def same_ids(path, vocab, rows):
    """The ids PyTorch is fed are the vocabulary's, and a WordPiece run's
    tokenizer.json (beside the model file) maps each token to the same id."""
    hf = os.path.join(os.path.dirname(os.path.abspath(path)), "tokenizer.json")
    hf_vocab = json.load(open(hf))["model"]["vocab"] if os.path.exists(hf) else None
    for d in rows:
        for tok, i in zip(d["tokens"], d["ids"]):
            if i != 1 and vocab[i] != tok:  # 1 = [UNK]: the word is kept as written
                sys.exit(f"token {tok!r} has id {i}, the vocabulary's {vocab[i]!r}")
            if hf_vocab is not None and hf_vocab.get(tok, 1) != i:
                sys.exit(f"token {tok!r}: id {i} here, {hf_vocab.get(tok)} in {hf}")


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
        rows = dump(path, sentences, tmp)
        same_ids(path, vocab, rows)
        diffs = [worst(m, rows)]
        print("attend -> PyTorch: max |difference| of final vectors", diffs[0])

        torch.manual_seed(3)
        cfg2 = dict(d_model=32, heads=4, ff=64, layers=2, max_len=max(20, cfg["max_len"]), norm_first=False,
                    activation="relu", positions="learned", dropout=0.0)
        m2 = build(cfg2, len(vocab))
        theirs = os.path.join(tmp, "torch.safetensors")
        meta2 = {"format": "attend/v1", "config": json.dumps(cfg2), "vocab": json.dumps(vocab)}
        if "run" in meta:  # its data section says how text becomes ids (words or WordPiece pieces)
            meta2["run"] = meta["run"]
        write(theirs, m2.state_dict(), meta2)
        diffs.append(worst(m2, dump(theirs, sentences, tmp)))
        print("PyTorch -> attend: max |difference| of final vectors", diffs[1])
    if max(diffs) > 1e-4:  # float32 on both sides: agreement is about 1e-6
        sys.exit("the two implementations disagree")


if __name__ == "__main__":
    main(sys.argv[1])
