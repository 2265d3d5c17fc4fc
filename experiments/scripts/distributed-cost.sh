#!/usr/bin/env bash
# What data parallelism costs on one machine (docs/distributed.md, docs/benchmarks.md): the same training
# run as a single process and as `--local-cluster workers=2,ps=1`, interleaved A B A B ..., side by side in
# one invocation, for the quickstart model and a ViT-S block. Per global step, between the train records
# of steps WARM and WARM+STEPS of metrics.jsonl (start-up, graph building and evaluation excluded):
#   wall   from the records' times;
#   CPU    of every JVM of the run (the chief and its child tasks), utime + stime from /proc/PID/stat;
#   bytes  sent on the cluster's TCP connections (ss -ti bytes_sent of every socket with a cluster port at
#          either end: each byte counted once, at its sender), and the loopback interface's tx counter
#          (/proc/net/dev, any process's loopback traffic) as a cross-check;
# then the expected 2 x parameters x 4 B per worker and a projection of the step time on K machines.
# Usage: experiments/scripts/distributed-cost.sh [ROUNDS] [STEPS]   (from the repository root, after
#        `mvn -o -B -q install -DskipTests`; runs java under `nice -n 5`)
set -euo pipefail
rounds="${1:-2}"
steps="${2:-40}"
warm=5
total=$((warm + steps + 3))
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp="$root/experiments/target/classes:$(cat "$root/experiments/target/launcher.classpath")"
export TF_CPP_MIN_LOG_LEVEL=2
tck="$(getconf CLK_TCK)"

declare -A model_sets
model_sets[quickstart]="--config $root/configs/vit_quickstart.yaml"
# one block of ViT-S (384 wide, 6 heads, MLP 1536) on 28x28 patches of 4 (49 tokens + class token)
model_sets[vit-s-block]="--config $root/configs/vit_quickstart.yaml --set model=vit_small_patch16_224 --set model.depth=1 --set model.patch-size=4 --set model.drop-path=0 --set model.dropout=0"
common=(--set train.steps="$total" --set train.log-every=1 --set train.checkpoint-every=epoch --set train.batch-size=128
  --set data.train-subset=8192 --set data.test-subset=256 --set seed=1)

# utime + stime (ticks) of a process and all its descendants
tree_ticks() {
  local pids=("$1") all=() p
  while [ ${#pids[@]} -gt 0 ]; do
    p="${pids[0]}"; pids=("${pids[@]:1}"); all+=("$p")
    for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do pids+=("$c"); done
  done
  for p in "${all[@]}"; do cat /proc/"$p"/stat 2>/dev/null; done | sed 's/^.*) //' | awk '{t += $12 + $13} END {print t + 0}'
}
# bytes sent on established TCP sockets with one of the ports (a|b|c) at either end
socket_bytes() {
  [ -z "$1" ] && { echo 0; return; }
  ss -tinH state established | awk -v ports="$1" '
    /^[^ \t]/ { keep = 0
      for (i = 1; i <= NF; i++) if ($i ~ /:[0-9]+$/) { n = split($i, a, ":"); if (a[n] ~ "^(" ports ")$") keep = 1 }
      next }
    keep && match($0, /bytes_sent:[0-9]+/) { s += substr($0, RSTART + 11, RLENGTH - 11); keep = 0 }
    END { print s + 0 }'
}
add() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a + b}'; }
lo_tx() { awk '$1 == "lo:" {print $10}' /proc/net/dev; }
records() { local n; n=$(grep -c '"kind":"train"' "$1" 2>/dev/null || true); echo "${n:-0}"; }
# seconds between the train records number $2 and $3 (times as Jackson writes them: 1.7962895788E9)
record_span() {
  grep '"kind":"train"' "$1" | sed 's/.*"time":\([0-9.E]*\).*/\1/' | awk -v a="$2" -v b="$3" \
    'NR == a {ta = $1 + 0} NR == b {tb = $1 + 0} END {printf "%.3f", tb - ta}'
}

# one run: prints "wall_s cpu_s socket_bytes lo_bytes params"
measure() {
  local name="$1" mode="$2" out="$work/$1-$2-$3" extra=()
  [ "$mode" = cluster ] && extra=(--local-cluster workers=2,ps=1)
  # shellcheck disable=SC2086
  nice -n 5 java -Xmx3g -cp "$cp" io.expertize.cli.Main train ${model_sets[$name]} "${common[@]}" "${extra[@]}" \
    --out "$out" >"$out.log" 2>&1 &
  local pid=$! ports="" a_ticks a_sock a_lo b_ticks b_sock b_lo n
  while [ "$(records "$out/metrics.jsonl")" -lt "$warm" ]; do
    kill -0 "$pid" 2>/dev/null || { cat "$out.log" >&2; exit 1; }; sleep 0.02
  done
  ports="$(grep -o '127\.0\.0\.1:[0-9]*' "$out.log" | cut -d: -f2 | paste -sd'|' || true)"
  a_ticks=$(tree_ticks "$pid"); a_sock=$(socket_bytes "$ports"); a_lo=$(lo_tx)
  while [ "$(records "$out/metrics.jsonl")" -lt $((warm + steps)) ]; do
    kill -0 "$pid" 2>/dev/null || { cat "$out.log" >&2; exit 1; }; sleep 0.02
  done
  b_ticks=$(tree_ticks "$pid"); b_sock=$(socket_bytes "$ports"); b_lo=$(lo_tx)
  wait "$pid" || { cat "$out.log" >&2; exit 1; }
  local wall params
  wall=$(record_span "$out/metrics.jsonl" "$warm" $((warm + steps)))
  params=$(grep -o '"params" : [0-9]*' "$out/summary.json" | grep -o '[0-9]*$')
  echo "$wall $(awk -v a="$a_ticks" -v b="$b_ticks" -v t="$tck" 'BEGIN {printf "%.2f", (b - a) / t}') $((b_sock - a_sock)) $((b_lo - a_lo)) $params"
}

echo "distributed cost: $rounds round(s) of single vs --local-cluster workers=2,ps=1 (interleaved), $steps steps measured"
echo "after $warm, batch 128, on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
for name in quickstart vit-s-block; do
  sw=0; sc=0; cw=0; cc=0; cb=0; cl=0; sl=0
  for i in $(seq 1 "$rounds"); do
    read -r w c b l params <<<"$(measure "$name" single "$i")"
    sw=$(add "$sw" "$w"); sc=$(add "$sc" "$c"); sl=$((sl + l))
    awk -v n="$name" -v i="$i" -v w="$w" -v c="$c" -v s="$steps" \
      'BEGIN {printf "%-12s round %d single : %7.1f ms/step wall, %7.1f ms/step CPU\n", n, i, 1000 * w / s, 1000 * c / s}'
    read -r w c b l params <<<"$(measure "$name" cluster "$i")"
    cw=$(add "$cw" "$w"); cc=$(add "$cc" "$c"); cb=$((cb + b)); cl=$((cl + l))
    awk -v n="$name" -v i="$i" -v w="$w" -v c="$c" -v b="$b" -v s="$steps" 'BEGIN {
      printf "%-12s round %d cluster: %7.1f ms/step wall, %7.1f ms/step CPU, %.2f MB/step sent\n", n, i, 1000 * w / s, 1000 * c / s, b / s / 1e6}'
  done
  n=$((rounds * steps))
  awk -v name="$name" -v n="$n" -v sw="$sw" -v sc="$sc" -v cw="$cw" -v cc="$cc" -v cb="$cb" -v cl="$cl" -v sl="$sl" -v p="$params" '
  BEGIN {
    tw = 1000 * sw / n; tc = 1000 * sc / n; kw = 1000 * cw / n; kc = 1000 * cc / n
    bytes = cb / n; expected = 2 * 2 * p * 4   # two workers, each: parameters in, gradients out
    printf "\n%s (%d parameters), mean of %d steps each:\n", name, p, n
    printf "  single process : %8.1f ms/step wall  %8.1f ms/step CPU (%.2f cores)\n", tw, tc, tc / tw
    printf "  workers=2,ps=1 : %8.1f ms/step wall  %8.1f ms/step CPU (%.2f cores)\n", kw, kc, kc / kw
    printf "  ratio          : %8.2f x wall          %8.2f x CPU\n", kw / tw, kc / tc
    printf "  sent per step  : %.2f MB on the cluster sockets (%.2f x the 2 x 2 workers x params x 4 B = %.2f MB);\n", bytes / 1e6, bytes / expected, expected / 1e6
    printf "                   loopback tx %.2f MB/step in the cluster run, %.3f MB/step in the single run (other processes)\n", cl / n / 1e6, sl / n / 1e6
    printf "  extra CPU of the cluster: %.1f ms per MB sent (CPU per step above the single process, over the bytes per step)\n", (kc - tc) / (bytes / 1e6)
    # projection: the global batch split over K machines like this one (compute tw/K), no overlap of compute and
    # transfer; bytes per worker per step = measured / 2, on links of bw Gbit/s (full duplex)
    per_worker = bytes / 2
    printf "  projected step time on K machines (ms; compute %.1f/K + transfer), speed-up vs one machine in ()\n", tw
    printf "    %-34s %18s %18s %18s\n", "", "K=2", "K=4", "K=8"
    split("1 10 25", bws, " ")
    for (j = 1; j <= 3; j++) {
      bw = bws[j] * 1e9 / 8
      line1 = sprintf("    one ps machine,      %2d Gbit/s  ", bws[j]); line2 = sprintf("    ps on every machine, %2d Gbit/s  ", bws[j])
      for (k = 2; k <= 8; k *= 2) {
        # one ps: its link carries half of every worker traffic each way
        t1 = tw / k + 1000 * k * per_worker / 2 / bw
        # ps sharded over the K machines: each link carries (K-1)/K of one worker traffic each way
        t2 = tw / k + 1000 * per_worker * (k - 1) / k / bw
        line1 = line1 sprintf("%10.1f (%4.2fx)", t1, tw / t1); line2 = line2 sprintf("%10.1f (%4.2fx)", t2, tw / t2)
      }
      print line1; print line2
    }
  }'
done
