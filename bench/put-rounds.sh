#!/usr/bin/env bash
# The PUT figure alone, N rounds alternating etcd and etcdj (each fresh, warmed up as in
# side-by-side.sh), because one 10 s run on a shared 2-core machine varies by about ±10%.
# Usage: bench/put-rounds.sh [rounds, default 3]. Prints one line per run, then the medians.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="java -jar $repo/bench/target/etcdj-bench.jar"
work="${WORK:-/tmp/etcdj-side-by-side}"
source "$repo/bench/servers.sh"
put=(put --conns 128 --duration 10 --warmup 3 --value-size 256 --key-space 10000)
echo "\$ etcdj-bench ${put[*]} --endpoints URL   (after 20 s of 'put --conns 64' to warm up)"
results=()
for _ in $(seq 1 "${1:-3}"); do
  for s in etcd etcdj; do
    start "$s"
    $bench put --endpoints "$URL" --conns 64 --duration 20 --warmup 0 > /dev/null 2>&1
    out=$($bench "${put[@]}" --endpoints "$URL" 2>&1)
    stop
    tput=$(awk '/^throughput/ {print $2}' <<< "$out")
    p99=$(awk '/^latency/ {print $6}' <<< "$out")
    p999=$(awk '/^latency/ {print $8}' <<< "$out")
    printf '%-6s %10s/s  p99 %7s ms  p99.9 %7s ms\n' "$s" "$tput" "$p99" "$p999"
    results+=("$s $tput $p99")
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
for s in etcd etcdj; do
  t=$(printf '%s\n' "${results[@]}" | awk -v s="$s" '$1 == s {print $2}' | median)
  p=$(printf '%s\n' "${results[@]}" | awk -v s="$s" '$1 == s {print $3}' | median)
  printf 'median %-6s %10s/s  p99 %7s ms\n' "$s" "$t" "$p"
done
