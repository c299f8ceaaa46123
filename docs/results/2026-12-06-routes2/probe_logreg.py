"""Logistic regression on the 100 training lines, ROC AUC on the 40 held-out ones, per word:
features are the mean of a sentence's word vectors (VECS: a pickle from wordnet_vectors.py) or,
without VECS, its bag of training words. Run from the repository root (numpy needed):
    python3 docs/results/2026-12-06-routes2/probe_logreg.py [VECS] -- bark palm ... plant"""
import os, pickle, sys
import numpy as np
sys.path.insert(0, os.path.dirname(__file__))
from count_model import files, read  # noqa: E402  (count_model runs nothing without words)

args = sys.argv[1:]
cut = args.index("--")
vecs, words = args[:cut], args[cut + 1:]
if vecs:
    vocab, V = pickle.load(open(vecs[0], "rb"))
    idx = {w: i for i, w in enumerate(vocab)}


def rocauc(p, y):
    pos, neg = p[y == 1], p[y == 0]
    return (pos[:, None] > neg[None]).mean() + .5 * (pos[:, None] == neg[None]).mean()


def logreg(X, y, lam=1.0, it=300):  # Newton steps, L2 on the weights
    Xb = np.hstack([X, np.ones((len(X), 1))])
    w = np.zeros(Xb.shape[1])
    for _ in range(it):
        p = 1 / (1 + np.exp(-Xb @ w))
        g = Xb.T @ (p - y) / len(y) + lam * np.r_[w[:-1], 0] / len(y)
        H = (Xb * (p * (1 - p))[:, None]).T @ Xb / len(y) + lam * np.eye(len(w)) / len(y)
        w -= np.linalg.solve(H, g)
    return lambda Z: 1 / (1 + np.exp(-np.hstack([Z, np.ones((len(Z), 1))]) @ w))


res = []
for w in words:
    tr, ho = map(read, files(w))
    senses = sorted({s for s, _, _ in tr})
    if vecs:
        def feat(ts):
            v = [V[idx[t]] for t in ts if t != w and t in idx]
            return np.mean(v, 0) if v else np.zeros(V.shape[1])
    else:
        bag = {t: i for i, t in enumerate(sorted({t for _, ts, _ in tr for t in ts if t != w}))}
        def feat(ts):
            v = np.zeros(len(bag))
            for t in set(ts):
                if t in bag:
                    v[bag[t]] = 1
            return v
    y = lambda lines: np.array([s == senses[0] for s, _, _ in lines], float)
    f = logreg(np.array([feat(t) for _, t, _ in tr]), y(tr))
    a = rocauc(f(np.array([feat(t) for _, t, _ in ho])), y(ho))
    res.append(a)
    print(f"{w} {a:.3f}")
print(f"mean {np.mean(res):.3f}")
