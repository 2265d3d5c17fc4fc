#!/usr/bin/env bash
# The study runner's overhead: the same cell trained by `expertize train` and by `expertize study run`
# (one-cell study, same configuration, seed and thread counts), interleaved A B A B ..., side by side
# in one invocation. Prints each pair's wall and CPU times (user + system of the process and its
# children, from /usr/bin/time) and the ratios runner / train; on a machine shared with other jobs
# the CPU ratio is the steadier one (other processes take wall time from a run, not CPU time).
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
# "wall cpu" of a command, its output discarded
timed() { /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null; awk '{print $1, $2 + $3}' "$work/time"; }
ratio() { echo "$1 / $2" | bc -l; }
printf "%-6s %10s %10s %8s %10s %10s %8s\n" round "train wall" "runner" ratio "train cpu" "runner" ratio
total_a=0; total_b=0; cpu_a=0; cpu_b=0
for i in $(seq 1 "$rounds"); do
  read -r a ca < <(TF_NUM_INTRAOP_THREADS=$threads TF_NUM_INTEROP_THREADS=$threads timed "$root/expertize" train \
    --config "$root/configs/vit_quickstart.yaml" "${sets[@]}" --set fusion.scheme=dense --out "$work/train-$i")
  read -r b cb < <(timed "$root/expertize" study run "$work/overhead.yaml" --out "$work/study-$i")
  total_a=$(echo "$total_a + $a" | bc -l); total_b=$(echo "$total_b + $b" | bc -l)
  cpu_a=$(echo "$cpu_a + $ca" | bc -l); cpu_b=$(echo "$cpu_b + $cb" | bc -l)
  top_a=$(grep -o '"eval_top1" : [0-9.]*' "$work/train-$i/summary.json")
  top_b=$(grep -o '"eval_top1" : [0-9.]*' "$work/study-$i/cells/dense/seed-1/summary.json")
  [ "$top_a" = "$top_b" ] || { echo "the two runs differ: $top_a vs $top_b" >&2; exit 1; }
  printf "%-6s %10.1f %10.1f %8.3f %10.1f %10.1f %8.3f\n" "$i" "$a" "$b" "$(ratio "$b" "$a")" "$ca" "$cb" "$(ratio "$cb" "$ca")"
done
printf "%-6s %10.1f %10.1f %8.3f %10.1f %10.1f %8.3f   (same test top-1 in every pair)\n" all \
  "$total_a" "$total_b" "$(ratio "$total_b" "$total_a")" "$cpu_a" "$cpu_b" "$(ratio "$cpu_b" "$cpu_a")"
