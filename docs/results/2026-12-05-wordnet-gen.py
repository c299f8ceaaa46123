import re, collections, random
excl = {'bark','barks','barked','barking','seal','seals','sealed','sealing','pupil','pupils'}
sents = []
for pos in ['noun','verb','adj','adv']:
    for line in open(f'/usr/share/wordnet/data.{pos}', encoding='latin-1'):
        if line.startswith('  '): continue
        _, _, gloss = line.partition(' | ')
        for part in re.split(r';', gloss):
            toks = re.findall(r"[a-z]+", part.lower())
            if len(toks) < 4: continue
            if excl & set(toks): continue
            for i in range(0, len(toks), 18):
                c = toks[i:i+18]
                if len(c) >= 4: sents.append(' '.join(c))
random.Random(1).shuffle(sents)
n = len(sents)//50
open('/tmp/wn/heldout.txt','w').write('\n'.join(sents[:n])+'\n')
open('/tmp/wn/train.txt','w').write('\n'.join(sents[n:])+'\n')
cnt = collections.Counter(t for s in sents[n:] for t in s.split())
print(len(sents), 'chunks;', len(cnt), 'types;', sum(1 for c in cnt.values() if c>=3), 'types >=3')
