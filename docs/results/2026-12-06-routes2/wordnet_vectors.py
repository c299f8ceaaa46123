"""PPMI-SVD word vectors from WordNet 3.0 (Debian wordnet-base; numpy, scipy): each synset is one
context (its lemmas and gloss words), positive PMI with context smoothing 0.75, truncated SVD,
rows scaled by sqrt(S) and normalised. python3 wordnet_vectors.py 64 writes vec64.pkl; the
routes' patch reads them as "word f1 ... f64" lines (ATTEND_VECS)."""
import re, collections, numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla, sys, pickle
W = "/usr/share/wordnet"
tok = lambda s: re.findall(r"[a-z0-9]+", s.lower())
docs = []
for pos in "noun verb adj adv".split():
    for line in open(f"{W}/data.{pos}", encoding="latin-1"):
        if line.startswith("  "): continue
        head, _, gloss = line.partition(" | ")
        p = head.split(); n = int(p[3], 16)
        lem = []
        for i in range(n): lem += tok(re.sub(r"\(.*\)", "", p[4 + 2*i]).replace("_", " "))
        docs.append(lem + tok(gloss))
cnt = collections.Counter(w for d in docs for w in d)
vocab = [w for w, c in cnt.items() if c >= 2]
idx = {w: i for i, w in enumerate(vocab)}
print(len(docs), "docs", len(vocab), "words", file=sys.stderr)
rows, cols = [], []
for d in docs:
    ids = sorted({idx[w] for w in d if w in idx})
    for a in ids:
        for b in ids:
            if a != b: rows.append(a); cols.append(b)
M = sp.coo_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(vocab),)*2).tocsr()
tot = M.sum(); rs = np.asarray(M.sum(1)).ravel(); cs = np.asarray(M.sum(0)).ravel() ** 0.75
cs = cs / cs.sum() * tot
M = M.tocoo()
pmi = np.log(M.data * tot / (rs[M.row] * cs[M.col]))
keep = pmi > 0
P = sp.coo_matrix((pmi[keep], (M.row[keep], M.col[keep])), shape=M.shape).tocsr()
dim = int(sys.argv[1]) if len(sys.argv) > 1 else 64
U, S, Vt = sla.svds(P, k=dim)
V = U * np.sqrt(S)
V /= np.linalg.norm(V, axis=1, keepdims=True) + 1e-9
pickle.dump((vocab, V.astype(np.float32)), open(f"vec{dim}.pkl", "wb"))
for q in ["hammer", "toe", "acrylic", "fan", "stadium", "factory", "match", "cheer"]:
    if q in idx:
        s = V @ V[idx[q]]; print(q, [vocab[i] for i in np.argsort(-s)[1:9]], file=sys.stderr)
