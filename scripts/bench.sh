#!/usr/bin/env bash
# Times attend's training step (BenchmarkTrainStep, one sub-benchmark per
# shape) beside its PyTorch twin (scripts/bench_step.py), then its forward
# pass as the explorer runs it (BenchmarkForward) beside scripts/bench_forward.py,
# shape by shape, so that both see the same machine load (torch: best of 1 and
# 2 threads), and prints one table each. Pinned to CPUs 0,1 when taskset exists.
#
# Usage: scripts/bench.sh [benchtime]     (default 2s per attend shape)
# GODEBUG=cpu.avx512f=off scripts/bench.sh runs attend's AVX2 kernels on a CPU
# with AVX-512: the code a CPU without it runs. (On the AVX-512 Zen 5 measured,
# Debian's PyTorch 1.13 ran its AVX2 code and OpenBLAS's Haswell kernels.)
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
go test -c -o "$tmp/model.test" ./model

where=""
[ ${#pin[@]} -gt 0 ] && where="pinned to CPUs 0,1, "
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs, ${where}$(date -u '+%Y-%m-%d %H:%M UTC')${GODEBUG:+, GODEBUG=$GODEBUG}"

# table BINARY BENCHMARK TWIN prints one row per sub-benchmark of BENCHMARK,
# whose names list the shapes once (the test file is their one home).
table() {
	local bin=$1 bench=$2 twin=$3 shapes s line ms bytes objs tms ratio
	shapes=$("$bin" -test.run '^$' -test.bench "^$bench\$" -test.benchtime 1x |
		sed -n "s|^$bench/\([^ -]*\).*|\1|p")
	echo
	echo "$bench (torch: $twin)"
	printf '| %-32s | %10s | %10s | %12s | %12s | %10s |\n' shape "attend ms" "torch ms" "attend/torch" "attend B" "objects"
	printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..34})" ------------ ------------ -------------- -------------- ------------
	for s in $shapes; do
		line=$("${pin[@]}" "$bin" -test.run '^$' -test.bench "^$bench/$s\$" \
			-test.benchtime "$benchtime" -test.benchmem | grep "^$bench/$s")
		ms=$(awk '{for (i = 1; i < NF; i++) if ($(i+1) == "ns/op") printf "%.3f", $i / 1e6}' <<<"$line")
		bytes=$(awk '{for (i = 1; i < NF; i++) if ($(i+1) == "B/op") print $i}' <<<"$line")
		objs=$(awk '{for (i = 1; i < NF; i++) if ($(i+1) == "allocs/op") print $i}' <<<"$line")
		tms=- ratio=-
		if [ "$torch" = 1 ]; then
			tms=$("${pin[@]}" "$py" "scripts/$twin" "$s" | awk 'NR == 1 || $3 < m {m = $3} END {printf "%.3f", m}')
			ratio=$(awk -v a="$ms" -v t="$tms" 'BEGIN {printf "%.2f", a / t}')
		fi
		printf '| %-32s | %10s | %10s | %12s | %12s | %10s |\n' "$s" "$ms" "$tms" "$ratio" "$bytes" "$objs"
	done
}
table "$tmp/train.test" BenchmarkTrainStep bench_step.py
table "$tmp/model.test" BenchmarkForward bench_forward.py
