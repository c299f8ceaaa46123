"""Share of tokens a checkpoint's vocabulary lacks, on text it never saw.

    python3 scripts/unknown_rate.py CHECKPOINT_DIR SOURCE... [--show N]

SOURCE is a .tsv file (word<TAB>sense<TAB>sentence; the last column is read),
a .txt file (one sentence a line), or "wordnet": the quoted example sentences
of WordNet 3.0's glosses (Debian/Ubuntu package wordnet-base, read from
/usr/share/wordnet/data.{noun,verb,adj,adv}; an optional install, needed only
here). Tokens are split as data.Tokenize does: lower-cased runs of letters or
digits. --show N lists the N most frequent unknown words of each source, to
decide what general vocabulary to add; never use it on a test set.
"""
import argparse
import collections
import json
import os
import re
import struct
import sys

WORDNET = "/usr/share/wordnet"
TOKEN = re.compile(r"[^\W_]+")


def vocabulary(checkpoint):
    """The vocabulary saved in the checkpoint's safetensors metadata."""
    path = checkpoint
    if os.path.isdir(path):
        latest = os.path.join(path, "latest")
        if os.path.exists(latest):
            path = os.path.join(path, open(latest).read().strip())
        path = os.path.join(path, "model.safetensors")
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    return set(json.loads(header["__metadata__"]["vocab"]))


def wordnet_examples():
    """Every quoted example sentence of WordNet's glosses."""
    if not os.path.isdir(WORDNET):
        sys.exit(f"unknown_rate: {WORDNET} not found (install wordnet-base)")
    for pos in ("noun", "verb", "adj", "adv"):
        for line in open(os.path.join(WORDNET, "data." + pos), encoding="latin-1"):
            if line.startswith("  ") or "|" not in line:
                continue  # licence header
            gloss = line.split("|", 1)[1]
            yield from re.findall(r'"([^"]+)"', gloss)


def sentences(source):
    if source == "wordnet":
        yield from wordnet_examples()
        return
    for line in open(source, encoding="utf-8"):
        line = line.rstrip("\n")
        if line:
            yield line.split("\t")[-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("checkpoint")
    ap.add_argument("sources", nargs="+")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    vocab = vocabulary(args.checkpoint)
    print(f"vocabulary {len(vocab)} words")
    for source in args.sources:
        total, missing, count = 0, collections.Counter(), 0
        for s in sentences(source):
            count += 1
            toks = TOKEN.findall(s.lower())
            total += len(toks)
            missing.update(t for t in toks if t not in vocab)
        unk = sum(missing.values())
        print(f"{source}: {count} sentences, {total} tokens, {unk} unknown = {100 * unk / max(total, 1):.1f}%")
        if args.show:
            print("  " + " ".join(f"{w}:{n}" for w, n in missing.most_common(args.show)))


if __name__ == "__main__":
    main()
