# usage: ft.sh BASE TAG [--set k=v ...]   -> prints word seed auc
base=$1; tag=$2; shift 2
cd /tmp/wn/ft
for w in ${WORDS:-bark seal pupil}; do for s in 1 2 3; do
  out=/tmp/wn/runs/$tag-$w-s$s
  rm -rf $out
  nice -n 5 /tmp/wn/bin/train --config $w.yaml ${base:+--init-from $base} --set train.seed=$s --set train.log_every=0 --out $out "$@" > $out.log 2>&1 || { echo "$w $s FAIL"; tail -3 $out.log; continue; }
  /tmp/wn/bin/eval --checkpoint $out --data ${w}_heldout.tsv --json 2>/dev/null | python3 -c "
import json,sys; d=json.load(sys.stdin); print('$tag', '$w', $s, [round(r['auc'],3) for r in d['results'] if r['representation']=='layer2'][0])"
done; done
