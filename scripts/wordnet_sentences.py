"""Write corpus/wordnet/sentences.tsv.gz: WordNet 3.0's noun glosses and
examples, each with its noun hidden as [MASK] and labelled by the noun's
kind (WordNet's lexicographer file: animal, artifact, body, ...).

    python3 scripts/wordnet_sentences.py CHECKPOINT_DIR

Every part of a noun synset's definition becomes "[MASK] is DEFINITION"; an
example sentence that contains one of the synset's words (or its plural)
has that word replaced. Words outside CHECKPOINT_DIR's vocabulary (a default
run: the built-in corpus's words) are dropped, and a sentence with more than
two of them is left out (as are repeats), so the file adds no words to the vocabulary. Any
sentence with one of the six built-in ambiguous words, or with bark, seal or
pupil (the new words the fine-tuning measurements use), is left out too.
Needs Debian's wordnet-base; the corpus only reads the file written here.
"""
import gzip
import re
import sys

from unknown_rate import WORDNET, vocabulary

MASK = "[MASK]"
MAX_TOKENS = 18
LEXNAMES = {3: "tops", 4: "act", 5: "animal", 6: "artifact", 7: "attribute", 8: "body", 9: "cognition",
            10: "communication", 11: "event", 12: "feeling", 13: "food", 14: "group", 15: "location",
            16: "motive", 17: "object", 18: "person", 19: "phenomenon", 20: "plant", 21: "possession",
            22: "process", 23: "quantity", 24: "relation", 25: "shape", 26: "state", 27: "substance", 28: "time"}
LEFT_OUT = set("""bank banks bass basses bat bats crane cranes mouse mice spring springs
bark barks barked barking seal seals sealed sealing pupil pupils""".split())


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def sentences(line):
    head, _, gloss = line.partition(" | ")
    p = head.split()
    kind, count = LEXNAMES[int(p[1])], int(p[3], 16)
    if kind == "tops":
        return kind, []
    lemmas = sorted((re.sub(r"\(.*\)", "", p[4 + 2 * i].lower()).replace("_", " ") for i in range(count)),
                    key=len, reverse=True)
    out = []
    for example in re.findall(r'"([^"]+)"', gloss):
        text = " " + " ".join(words(example)) + " "
        for lemma in lemmas:
            form = next((f for f in (lemma + "s", lemma + "es", lemma) if f" {f} " in text), None)
            if form:
                out.append(text.replace(f" {form} ", f" {MASK} ", 1).split())
                break
    for part in re.sub(r'"[^"]*"', "", gloss).split(";"):
        w = words(part)
        if len(w) >= 3:
            out.append([MASK, "is"] + w)
    return kind, out


def main():
    vocab = vocabulary(sys.argv[1])
    kept, seen = 0, set()
    with gzip.GzipFile(filename="", mode="wb", fileobj=open("corpus/wordnet/sentences.tsv.gz", "wb"), mtime=0) as f:
        for line in open(f"{WORDNET}/data.noun", encoding="latin-1"):
            if line.startswith("  "):
                continue
            kind, sents = sentences(line)
            for toks in sents:
                if LEFT_OUT & set(toks) or sum(t not in vocab and t != MASK for t in toks) > 2:
                    continue
                toks = [t for t in toks if t in vocab or t == MASK][:MAX_TOKENS]
                row = f"{kind}\t{' '.join(toks)}\n"
                if MASK in toks and len(toks) >= 4 and row not in seen:
                    seen.add(row)
                    f.write(row.encode())
                    kept += 1
    print(kept, "sentences", file=sys.stderr)


if __name__ == "__main__":
    main()
