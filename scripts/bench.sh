#!/usr/bin/env bash
# Times attend's training step (BenchmarkTrainStep, one sub-benchmark per
# shape) beside its PyTorch twin (scripts/bench_step.py, best of 1 and 2
# threads) shape by shape, so that both see the same machine load, and prints
# one table. Pinned to CPUs 0,1 when taskset exists.
#
# Usage: scripts/bench.sh [benchtime]     (default 2s per attend shape)
# Torch runs when $PYTHON, python3 or /usr/bin/python3 can import torch (Debian: python3-torch libopenblas0-pthread).
set -euo pipefail
cd "$(dirname "$0")/.."
benchtime=${1:-2s}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pin=()
if command -v taskset >/dev/null && taskset -c 0,1 true 2>/dev/null; then
	pin=(taskset -c 0,1)
fi
# The first of $PYTHON, python3 and Debian's own python3 that has torch.
torch=0
for py in ${PYTHON:-} python3 /usr/bin/python3; do
	if command -v "$py" >/dev/null && "$py" -c 'import torch' 2>/dev/null; then
		torch=1
		break
	fi
done

go test -c -o "$tmp/train.test" ./train
# The shapes are listed once, in train/bench_test.go; one step each names them.
shapes=$("$tmp/train.test" -test.run '^$' -test.bench '^BenchmarkTrainStep$' -test.benchtime 1x |
	sed -n 's|^BenchmarkTrainStep/\([^ -]*\).*|\1|p')

where=""
[ ${#pin[@]} -gt 0 ] && where="pinned to CPUs 0,1, "
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs, ${where}$(date -u '+%Y-%m-%d %H:%M UTC')"
printf '| %-32s | %10s | %10s | %12s | %12s | %10s |\n' shape "attend ms" "torch ms" "attend/torch" "attend B" "objects"
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..34})" ------------ ------------ -------------- -------------- ------------
for s in $shapes; do
	line=$("${pin[@]}" "$tmp/train.test" -test.run '^$' -test.bench "^BenchmarkTrainStep/$s\$" \
		-test.benchtime "$benchtime" -test.benchmem | grep "^BenchmarkTrainStep/$s")
	ms=$(awk '{for (i = 1; i < NF; i++) if ($(i+1) == "ns/op") printf "%.2f", $i / 1e6}' <<<"$line")
	bytes=$(awk '{for (i = 1; i < NF; i++) if ($(i+1) == "B/op") print $i}' <<<"$line")
	objs=$(awk '{for (i = 1; i < NF; i++) if ($(i+1) == "allocs/op") print $i}' <<<"$line")
	tms=- ratio=-
	if [ "$torch" = 1 ]; then
		tms=$("${pin[@]}" "$py" scripts/bench_step.py "$s" | awk 'NR == 1 || $3 < m {m = $3} END {printf "%.2f", m}')
		ratio=$(awk -v a="$ms" -v t="$tms" 'BEGIN {printf "%.2f", a / t}')
	fi
	printf '| %-32s | %10s | %10s | %12s | %12s | %10s |\n' "$s" "$ms" "$tms" "$ratio" "$bytes" "$objs"
done
