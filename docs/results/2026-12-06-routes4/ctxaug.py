"""Context-word augmentation from WordNet (Debian wordnet-base):
    python3 ctxaug.py W_train.tsv OUT.tsv W N P SEED
Writes every line of W_train.tsv, then N copies of each in which every context word (not the
target W, not a stop word) is replaced with probability P by a WordNet neighbour of its most
frequent senses: a synonym, a hypernym, a hyponym or a sister (a hyponym of a hypernym).
Sentences are written as the tokeniser reads them (lower case, words only)."""
import re, sys, random, collections

WN = "/usr/share/wordnet"
POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
tok = lambda s: re.findall(r"[a-z0-9]+", s.lower())

syn = {}  # (pos, offset) -> (lemmas, pointers)
for name, p in POS.items():
    for line in open(f"{WN}/data.{name}", encoding="latin-1"):
        if line.startswith("  "):
            continue
        f = line.split(" | ")[0].split()
        n = int(f[3], 16)
        lem = [re.sub(r"\(.*\)", "", f[4 + 2 * i].lower()) for i in range(n)]
        k = 4 + 2 * n
        ptrs = []
        for j in range(int(f[k])):
            sym, off, pos = f[k + 1 + 4 * j], f[k + 2 + 4 * j], f[k + 3 + 4 * j]
            pos = "a" if pos == "s" else pos
            ptrs.append((sym, (pos, off)))
        key_pos = "a" if f[2] == "s" else f[2]
        syn[(key_pos, f[0])] = (lem, ptrs)

index = collections.defaultdict(list)  # lemma -> [(pos, offset)] most frequent first
for name, p in POS.items():
    for line in open(f"{WN}/index.{name}", encoding="latin-1"):
        if line.startswith("  "):
            continue
        f = line.split()
        cnt, pc = int(f[2]), int(f[3])
        offs = f[6 + pc:6 + pc + cnt]
        index[f[0]] += [(p, o) for o in offs[:2]]

exc = {}
for name in POS:
    for line in open(f"{WN}/{name}.exc", encoding="latin-1"):
        a = line.split()
        if len(a) >= 2:
            exc.setdefault(a[0], a[1])

def base(w):
    if w in index:
        return w
    if w in exc:
        return exc[w]
    for suf, rep in (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e")):
        if w.endswith(suf) and w[: -len(suf)] + rep in index:
            return w[: -len(suf)] + rep
    return None

def single(ls):
    return [l for l in ls if re.fullmatch(r"[a-z]+", l)]

STOP = set("""a an the of to in and or is are was were be been being by for with on at as that this
these those it its from which his her their our your my me him them they we you he she i not no
but if so do does did has have had will would can could should may might must there here what when
where who whom why how all any some very just than then too also up out into over about after
before again""".split())

def neighbours(w):
    b = base(w)
    if b is None:
        return []
    out = []
    for key in index[b]:
        lem, ptrs = syn[key]
        out += single(lem)
        for sym, k2 in ptrs:
            if k2 not in syn:
                continue
            if sym in ("@", "@i", "~", "~i", "&"):
                out += single(syn[k2][0])
            if sym in ("@", "@i"):
                for s2, k3 in syn[k2][1][:40]:
                    if s2 in ("~", "~i") and k3 in syn:
                        out += single(syn[k3][0])
    return sorted(set(o for o in out if o != b and o != w))

def main():
    src, dst, target, n, p, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
    rng = random.Random(seed)
    cache = {}
    rows = [l.rstrip("\n").split("\t") for l in open(src, encoding="utf-8") if l.strip()]
    with open(dst, "w", encoding="utf-8") as out:
        for w, s, sent in rows:
            out.write(f"{w}\t{s}\t{sent}\n")
        for _ in range(n):
            for w, s, sent in rows:
                ws = tok(sent)
                new = []
                for t in ws:
                    if t == target or base(t) == target or t.startswith(target) or t in STOP or len(t) < 3 or rng.random() >= p:
                        new.append(t)
                        continue
                    if t not in cache:
                        cache[t] = neighbours(t)
                    c = cache[t]
                    new.append(rng.choice(c) if c else t)
                out.write(f"{w}\t{s}\t{' '.join(new)}\n")

main()
