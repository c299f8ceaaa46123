"""Count model: each held-out sentence scored by the sense counts of its words in the training
lines (the target left out), the pair-cosine AUC eval uses. Run from the repository root:
    python3 docs/results/2026-12-06-routes2/count_model.py bark palm mole ... plant
It says how much the 100 training lines alone tell about the held-out ones."""
import os, re, sys, itertools, math, collections
R='docs/results/'
def files(w):
    if w=='bark': return 'testdata/finetune/train.tsv','testdata/finetune/heldout.tsv'
    if w=='palm': return R+'2026-12-06-palm/train.tsv',R+'2026-12-06-palm/heldout.tsv'
    for d in ['2026-12-06-newwords','2026-12-06-newwords2','2026-12-06-newwords3','2026-12-06-newwords4','2026-12-06-newwords5','2026-12-06-newwords6']:
        if os.path.exists(R+d+f'/{w}_train.tsv'): return R+d+f'/{w}_train.tsv',R+d+f'/{w}_heldout.tsv'
    raise SystemExit(f'no files for {w}')
def read(f):
    out=[]
    for l in open(f):
        w,s,t=l.rstrip('\n').split('\t'); out.append((s,re.findall(r'[a-z0-9]+',t.lower()),w))
    return out
def auc(vecs,labels):
    same=[];diff=[]
    for i,j in itertools.combinations(range(len(vecs)),2):
        a,b=vecs[i],vecs[j]
        na=math.sqrt(sum(x*x for x in a)) or 1; nb=math.sqrt(sum(x*x for x in b)) or 1
        c=sum(x*y for x,y in zip(a,b))/na/nb
        (same if labels[i]==labels[j] else diff).append(c)
    n=0
    for s in same:
        for d in diff: n+= 1 if s>d else .5 if s==d else 0
    return n/len(same)/len(diff)
if __name__ == '__main__':
  for w in sys.argv[1:]:
      tr,ho=files(w); tr=read(tr); ho=read(ho)
      senses=sorted({s for s,_,_ in tr})
      cnt={s:collections.Counter() for s in senses}
      for s,t,_ in tr: cnt[s].update(set(t)-{w})
      vecs=[]; cover=0; tot=0
      for s,t,_ in ho:
          v=[0.0]*len(senses)
          for x in sorted(set(t)-{w}):
              tot+=1
              if any(cnt[q][x] for q in senses): cover+=1
              tt=sum(cnt[q][x] for q in senses)
              if tt: 
                  for i,q in enumerate(senses): v[i]+= (cnt[q][x]+.5)/(tt+1) - .5
          vecs.append(v)
      print(f"{w} count-AUC {auc(vecs,[s for s,_,_ in ho]):.3f} heldout words seen in train {cover/tot:.2f}")
