#!/usr/bin/env bash
# The study runner's overhead: the same cell trained by `expertize train` and by `expertize study run`
# (one-cell study, same configuration, seed and thread counts), interleaved A B A B ..., side by side
# in one invocation. Prints each pair's wall times and the ratio runner / train.
# Usage: experiments/scripts/study-overhead.sh [ROUNDS] [STEPS]   (from the repository root)
set -euo pipefail
rounds="${1:-3}"
steps="${2:-100}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
threads="$(nproc)"
sets=(--set train.steps="$steps" --set data.test-subset=2000 --set seed=1)
cat >"$work/overhead.yaml" <<YAML
name: overhead
base: {config: $root/configs/vit_quickstart.yaml, set: {train.steps: $steps, data.test-subset: 2000}}
arms: [{name: dense, scheme: dense}]
seeds: [1]
YAML
"$root/expertize" models >/dev/null   # build once, outside the timings
now() { date +%s.%N; }
printf "%-6s %12s %12s %8s\n" round "train (s)" "runner (s)" ratio
total_a=0; total_b=0
for i in $(seq 1 "$rounds"); do
  t0=$(now)
  TF_NUM_INTRAOP_THREADS=$threads TF_NUM_INTEROP_THREADS=$threads "$root/expertize" train \
    --config "$root/configs/vit_quickstart.yaml" "${sets[@]}" --set fusion.scheme=dense --out "$work/train-$i" >/dev/null
  t1=$(now)
  "$root/expertize" study run "$work/overhead.yaml" --out "$work/study-$i" >/dev/null
  t2=$(now)
  a=$(echo "$t1 - $t0" | bc -l); b=$(echo "$t2 - $t1" | bc -l)
  total_a=$(echo "$total_a + $a" | bc -l); total_b=$(echo "$total_b + $b" | bc -l)
  top_a=$(grep -o '"eval_top1" : [0-9.]*' "$work/train-$i/summary.json")
  top_b=$(grep -o '"eval_top1" : [0-9.]*' "$work/study-$i/cells/dense/seed-1/summary.json")
  [ "$top_a" = "$top_b" ] || { echo "the two runs differ: $top_a vs $top_b" >&2; exit 1; }
  printf "%-6s %12.1f %12.1f %8.3f\n" "$i" "$a" "$b" "$(echo "$b / $a" | bc -l)"
done
printf "%-6s %12.1f %12.1f %8.3f   (same test top-1 in every pair)\n" all "$total_a" "$total_b" "$(echo "$total_b / $total_a" | bc -l)"
