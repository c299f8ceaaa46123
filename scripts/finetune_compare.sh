#!/usr/bin/env bash
# finetune_compare.sh OUT WORDS_DIR [WORD ...]: how well a new word's senses come apart after
# fine-tuning from the default run (bank.yaml), from the WordNet run (bank_wordnet.yaml) and from
# scratch, on WORD's held-out lines. Each base is trained for train.seed 1 and 2; each fine-tuning
# (testdata/finetune/bark.yaml naming WORDS_DIR/WORD_train.tsv and WORD_heldout.tsv) runs for
# train.seed 1, 2, 3. Prints "start base_seed word seed auc" lines, the final layer's AUC
# from eval --json; README's table is their mean ± sample sd.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/finetune_compare.sh OUT WORDS_DIR [WORD ...]}
dir=$(cd "${2:?usage: scripts/finetune_compare.sh OUT WORDS_DIR [WORD ...]}" && pwd)
shift 2
if [ $# -gt 0 ]; then words=("$@"); else words=(bark seal pupil); fi
mkdir -p "$out/bin" "$out/runs"
go build -o "$out/bin/" ./cmd/train ./cmd/eval
for base in bank bank_wordnet; do for b in 1 2; do
  [ -e "$out/$base-s$b/latest" ] || "$out/bin/train" --config "configs/$base.yaml" --set train.seed="$b" --set train.log_every=0 --out "$out/$base-s$b" > "$out/$base-s$b.log"
done; done
for w in "${words[@]}"; do
  sed -e "s#train_file: train.tsv#train_file: $dir/${w}_train.tsv#" -e "s#heldout_file: heldout.tsv#heldout_file: $dir/${w}_heldout.tsv#" \
    testdata/finetune/bark.yaml > "$out/$w.yaml"
  for start in scratch bank-s1 bank-s2 bank_wordnet-s1 bank_wordnet-s2; do for s in 1 2 3; do
    run="$out/runs/$start-$w-s$s"
    init=(); [ "$start" = scratch ] || init=(--init-from "$out/$start")
    "$out/bin/train" --config "$out/$w.yaml" "${init[@]}" --set train.seed="$s" --set train.log_every=0 --out "$run" > "$run.log" 2>&1
    auc=$("$out/bin/eval" --checkpoint "$run" --data "$dir/${w}_heldout.tsv" --json |
      python3 -c 'import json,sys; print([r["auc"] for r in json.load(sys.stdin)["results"] if r["representation"]=="layer2"][0])')
    echo "${start%-s?} ${start##*-} $w $s $auc"
  done; done
done
