#!/usr/bin/env bash
# route.sh ROUTE WORD... : ROUTE is "shipped" or "aug:N:P"; prints "route base word seed auc"
# The record of 2026-12-06 (docs/experiments.md, fourth session): paths are that machine's (main at /work/main,
# built binaries in /tmp/bin, bases configs/bank_wordnet.yaml seeds 1, 2 in /work/exp30/bank_wordnet-s1, -s2).
set -euo pipefail
R=/work/main/docs/results; E=/work/exp30; B=/tmp/bin
route=$1; shift
for w in "$@"; do
  case $w in
    bark) tr=/work/main/testdata/finetune/train.tsv; ho=/work/main/testdata/finetune/heldout.tsv;;
    palm) tr=$R/2026-12-06-palm/train.tsv; ho=$R/2026-12-06-palm/heldout.tsv;;
    *) d=$(dirname $(ls $R/2026-12-06-newwords*/${w}_train.tsv $E/blind6/${w}_train.tsv 2>/dev/null | head -1)); tr=$d/${w}_train.tsv; ho=$d/${w}_heldout.tsv;;
  esac
  mkdir -p $E/runs $E/data
  for s in 1 2 3; do
    trf=$tr
    if [[ $route == aug:* ]]; then IFS=: read -r _ n p <<<"$route"; trf=$E/data/$w-$n-$p-$s.tsv; [ -e $trf ] || python3 $E/ctxaug.py $tr $trf $w $n $p $s; fi
    sed -e "s#train_file: train.tsv#train_file: $trf#" -e "s#heldout_file: heldout.tsv#heldout_file: $ho#" /work/main/testdata/finetune/bark.yaml > $E/data/$w-$route-$s.yaml
    for b in 1 2; do
      run=$E/runs/$route-$b-$w-$s
      $B/train --config $E/data/$w-$route-$s.yaml --init-from $E/bank_wordnet-s$b --set train.seed=$s --set train.log_every=0 --set train.eval_every=0 --out $run > $run.log 2>&1
      auc=$($B/eval --checkpoint $run --data $ho --json | python3 -c 'import json,sys; print([r["auc"] for r in json.load(sys.stdin)["results"] if r["representation"]=="layer2"][0])')
      echo "$route $b $w $s $auc"
      rm -rf $run
    done
  done
done
