"""Add WordNet's lines about the target word W to its training file, labelled with the user's senses:
    python3 wordnet_augment.py W_train.tsv OUT.tsv W      (Debian wordnet-base)
Each noun synset of W is matched to the user sense whose training lines share most of its words
(with its hypernyms', hyponyms' and parts' words; kept only when that sense scores 1.5x the other);
its lines are "W is GLOSS-PART", W's own examples and "W HYPONYM-GLOSS", at most 18 words."""
import re, sys, collections, math
W_DIR = "/usr/share/wordnet"
tok = lambda s: re.findall(r"[a-z0-9]+", s.lower())
syn = {}
for line in open(f"{W_DIR}/data.noun", encoding="latin-1"):
    if line.startswith("  "): continue
    head, _, gloss = line.partition(" | ")
    p = head.split(); off = p[0]; n = int(p[3], 16)
    lem = [re.sub(r"\(.*\)", "", p[4 + 2*i].lower()) for i in range(n)]
    k = 4 + 2*n; np_ = int(p[k]); ptrs = []
    for j in range(np_):
        sym, o, pos = p[k+1+4*j], p[k+2+4*j], p[k+3+4*j]
        if pos == 'n': ptrs.append((sym, o))
    syn[off] = (lem, gloss, ptrs)
byword = collections.defaultdict(list)
for off, (lem, _, _) in syn.items():
    for l in lem: byword[l].append(off)
STOP = set("a an the of to in and or is are was be by for with on at as that this it from which its his her their".split())
def words_of(off, depth=1):
    lem, gloss, ptrs = syn[off]
    ws = [t for l in lem for t in tok(l.replace('_', ' '))] + tok(re.sub(r'"[^"]*"', '', gloss))
    if depth:
        for sym, o in ptrs:
            if sym in ('~', '@', '%p', '#p', '%m', '#m'):
                ws += words_of(o, 0)
    return ws
def lines_of(off, w):
    lem, gloss, ptrs = syn[off]
    out = []
    for part in re.sub(r'"[^"]*"', '', gloss).split(';'):
        t = tok(part)
        if len(t) >= 3: out.append(f"{w} is " + ' '.join(t))
    for ex in re.findall(r'"([^"]+)"', gloss):
        t = tok(ex)
        if w in t: out.append(' '.join(t))
    for sym, o in ptrs:
        if sym == '~':  # hyponyms: "a kind of W is ..."
            l2, g2, _ = syn[o]
            part = re.sub(r'"[^"]*"', '', g2).split(';')[0]
            t = tok(part)
            if len(t) >= 3: out.append(f"{w} {' '.join(t)}")
    return out
def main(trainf, outf, w):
    tr = [l.rstrip('\n').split('\t') for l in open(trainf)]
    senses = sorted({s for _, s, _ in tr})
    cnt = {s: collections.Counter(t for _, ss, txt in tr if ss == s for t in set(tok(txt)) if t != w and t not in STOP) for s in senses}
    out = open(outf, 'w')
    for _, s, txt in tr: out.write(f"{w}\t{s}\t{txt}\n")
    added = collections.Counter()
    for off in byword.get(w, []):
        ws = [t for t in words_of(off) if t != w and t not in STOP]
        sc = {s: sum(math.log(1 + cnt[s][t]) for t in ws) for s in senses}
        best = max(senses, key=sc.get); other = max(v for k, v in sc.items() if k != best)
        if sc[best] < 1.5 * other + 0.5: continue
        for l in lines_of(off, w)[:40]:
            l = " ".join(l.split()[:18]); out.write(f"{w}\t{best}\t{l}\n"); added[best] += 1
    print(w, dict(added), file=sys.stderr)
main(*sys.argv[1:])
