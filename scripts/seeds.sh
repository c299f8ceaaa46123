#!/usr/bin/env bash
# seeds.sh OUT [SEED ...]: train the default config once per seed (default 1 2 3) and score each run
# on the held-out split and the written sets, one eval --json file per run and set:
# OUT/s$SEED/{heldout,natural,second_writer,dev,misleading_dev}.json. Then
#   go run ./internal/cmd/seedtable OUT
# prints mean ± sample sd over the seeds (README's and testdata/natural/README.md's tables).
# Extra train flags go in TRAIN_FLAGS (e.g. TRAIN_FLAGS="--set data.word_dropout=0.2").
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/seeds.sh OUT [SEED ...]}
shift
if [ $# -gt 0 ]; then seeds=("$@"); else seeds=(1 2 3); fi
bin="$out/bin"
mkdir -p "$bin"
go build -o "$bin/" ./cmd/train ./cmd/eval
for s in "${seeds[@]}"; do
  run="$out/s$s"
  "$bin/train" --config configs/bank.yaml --set train.seed="$s" ${TRAIN_FLAGS:-} --out "$run/run"
  "$bin/eval" --checkpoint "$run/run" --json > "$run/heldout.json"
  for set in natural second_writer dev misleading_dev; do
    "$bin/eval" --checkpoint "$run/run" --data "testdata/natural/$set.tsv" --json > "$run/$set.json"
  done
done
