import sys, collections, statistics as st
def load(f):
    d={}
    for l in open(f):
        p=l.split()
        if len(p)==5: d[(p[1],p[2],p[3])]=float(p[4])
    return d
a=load(sys.argv[1]); b=load(sys.argv[2])
keys=[k for k in b if k in a]
diff=[b[k]-a[k] for k in keys]
words=sorted(set(k[1] for k in keys), key=lambda w:[k[1] for k in keys].index(w))
for w in words:
    ka=[k for k in keys if k[1]==w]
    print(f"{w:8s} {st.mean(a[k] for k in ka):.3f} -> {st.mean(b[k] for k in ka):.3f}")
if len(diff)>1:
    print(f"runs {len(diff)} paired {st.mean(diff):+.3f} ±{st.stdev(diff)/len(diff)**.5:.3f} up {sum(d>0 for d in diff)} mean {st.mean(a[k] for k in keys):.3f} -> {st.mean(b[k] for k in keys):.3f}")
