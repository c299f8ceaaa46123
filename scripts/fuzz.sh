#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 60) each, one after another, and
# prints each target's last progress line (executions, new inputs). A failing
# input is written to the package's testdata/fuzz/FuzzXxx, which go test
# replays from then on. FUZZ_PARALLEL sets the workers per target (default 2).
#   scripts/fuzz.sh 300            every target for 5 minutes
#   scripts/fuzz.sh 60 'Load|Config' the targets whose name matches
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
only=${2:-.}
targets=(
  ./data:FuzzTokenize ./data:FuzzLoadText ./data:FuzzLoadTSV
  ./configs:FuzzConfig
  ./checkpoint:FuzzSafetensors ./checkpoint:FuzzLatest ./checkpoint:FuzzManifest
  ./runfolder:FuzzState
  ./optim:FuzzOptimizerState
)
status=0
for t in "${targets[@]}"; do
  pkg=${t%%:*} name=${t##*:}
  [[ $name =~ $only ]] || continue
  log=$(mktemp)
  if go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "${secs}s" -parallel "${FUZZ_PARALLEL:-2}" >"$log" 2>&1; then
    result=ok
  elif ! grep -q 'Failing input' "$log" && grep -q 'context deadline exceeded' "$log"; then
    result=ok # the engine's own deadline caught a worker mid-input: no finding
  else
    result=FAILED status=1
  fi
  last=$(grep -E '^fuzz: elapsed' "$log" | tail -1)
  printf '%-12s %-20s %-6s %s\n' "$pkg" "$name" "$result" "${last#fuzz: }"
  [ "$result" = ok ] || tail -30 "$log"
  rm -f "$log"
done
exit $status
