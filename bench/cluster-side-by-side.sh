#!/usr/bin/env bash
# The speed table against a 3-member cluster (MEMBERS=1 for one member, issue 7's table): etcd
# 3.4 then etcdj, one cluster at a time, each with fresh data dirs (bench/cluster-lib.sh), load
# on the leader.
#
#   bench/cluster-side-by-side.sh [etcd|etcdj]...        (default: etcd etcdj)
#   MEMBERS=1 MEM=1 bench/cluster-side-by-side.sh etcd etcdj etcd etcdj   (bench/lean-table.sh)
#
# Per cluster: fill the 10,000 keys (/work/shared/bench/fill.lua), 20 s of PUTs to warm up
# (wrk, bench/wrk-v2.lua put), then 10 s each, 128 connections, 256-byte values: PUT, GET and
# quorum GET with wrk (bench/wrk-v2.lua = the shared v2.lua plus p99.9) and with the project's
# bench (bench/target/etcdj-bench.jar put|get|get --quorum). Prints, for each run, throughput,
# p50/p99/p99.9, errors and (etcdj) the GC pause share of the leader, then the leader's VmRSS
# (and the followers'), then one table of both servers. Every command is printed as it runs.
# The leader's VmRSS is also read just after it answers /health (idle), and with MEM=1 a fresh
# cluster then takes 10,000 idle watchers and 200,000 keys of 128 bytes (bench mem): VmRSS with
# the watchers, bytes per watcher and per key.
#
# Needs: wrk, java, and the bench jar: mvn -B -q -pl bench -am package -DskipTests
# (never `mvn install`). Binaries: ETCD_BIN (default etcd), ETCDJ_BIN (default bin/etcdj).
# GC pause share: give each member JVM its own unified-logging file, with %p (the pid) in its
# name, e.g. ETCDJ_JAVA_OPTS='-Xlog:gc:file=/tmp/etcdj-gc-%p.log'; the leader's file is read.
# The machine is shared: one run is a smoke test; compare servers only within one run.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SHARED_BENCH:-/work/shared/bench}"
jar="$repo/bench/target/etcdj-bench.jar"
work="${WORK:-/tmp/etcdj-cluster-side-by-side}"
source "$repo/bench/cluster-lib.sh"
ETCD_BIN="${ETCD_BIN:-etcd}"
ETCDJ_BIN="${ETCDJ_BIN:-$repo/bin/etcdj}"
DURATION="${DURATION:-10}"
MEMBERS="${MEMBERS:-3}"
MEM="${MEM:-0}"
WARMUP_S="${WARMUP_S:-20}"
ulimit -n "$(ulimit -Hn)" 2> /dev/null || true

command -v wrk > /dev/null || { echo "wrk is not installed" >&2; exit 1; }
[ -f "$jar" ] || { echo "no $jar: mvn -B -q -pl bench -am package -DskipTests" >&2; exit 1; }

# Sum of the stop-the-world pauses (ms) in a JVM unified GC log; 0 if none.
gc_pause_ms() {
  [ -f "$1" ] || { echo 0; return; }
  awk '/Pause/ && / [0-9.]+ms$/ { v = $NF; sub(/ms$/, "", v); s += v } END { printf "%.1f\n", s + 0 }' "$1"
}

gc_file() { # the leader's GC log, from ETCDJ_JAVA_OPTS' -Xlog:...file=PATTERN (with %p)
  local opts=${ETCDJ_JAVA_OPTS:-} pattern
  [[ "$opts" == *-Xlog:gc* ]] || return 1
  pattern=$(sed -n 's/.*-Xlog:gc[^ ]*file=\([^ :,]*\).*/\1/p' <<< "$opts")
  [ -n "$pattern" ] || return 1
  [[ "$pattern" == *%p* ]] || { echo "GC log $pattern has no %p: three members would share one file" >&2; return 1; }
  echo "${pattern//%p/$1}"
}

rows=()
show() { echo "\$ $*"; }

# measure SERVER TOOL MODE COMMAND...: runs it, prints its output, keeps one row.
measure() {
  local server=$1 tool=$2 mode=$3; shift 3
  local before after t0 out tput p50 p99 p999 errs gc="n/a"
  show "$@"
  [ -n "$GC_FILE" ] && before=$(gc_pause_ms "$GC_FILE")
  t0=$(date +%s.%N)
  out=$("$@" 2>&1)
  local t1; t1=$(date +%s.%N)
  grep -vE '^(==|$)' <<< "$out" | sed 's/^/    /'
  if [ "$tool" = wrk ]; then
    read -r tput p50 p99 p999 errs < <(awk '/^req\/s=/ {
        gsub(/ms/, ""); for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[2] == "") { kv[2] = $(i + 1) } v[kv[1]] = kv[2] }
        print v["req/s"], v["p50"], v["p99"], v["p99.9"], v["errors"] }' <<< "$out")
  else
    tput=$(awk '/^throughput\/s/ {print $2}' <<< "$out")
    read -r p50 p99 p999 < <(awk '/^latency ms/ {print $4, $6, $8}' <<< "$out")
    errs=$(awk '/^errors/ {print $2}' <<< "$out")
  fi
  if [ -n "$GC_FILE" ]; then
    after=$(gc_pause_ms "$GC_FILE")
    gc=$(awk -v a="$after" -v b="$before" -v t0="$t0" -v t1="$t1" 'BEGIN {printf "%.1f%%", (a - b) / ((t1 - t0) * 10)}')
  fi
  rows+=("$server|$tool|$mode|${tput:-?}|${p50:-?}|${p99:-?}|${p999:-?}|${errs:-?}|$gc")
}

run_server() {
  local server=$1 binary=$2
  echo "################ $server ($binary), $MEMBERS member(s)"
  CLUSTER_WORK="$work/$server"
  cluster_start "$binary" "$MEMBERS"; local rc=$?
  if [ $rc -ne 0 ]; then
    echo "$server: the cluster did not start (see $CLUSTER_WORK/m*.log)"
    [ $rc -eq 1 ] && cluster_stop
    rows+=("$server|-|cluster did not start|-|-|-|-|-|-")
    return
  fi
  sed 's/^/# /' "$CLUSTER_WORK/commands.log"
  local leader=$CLUSTER_LEADER url pid
  url=$(client_url "$leader"); pid=$(member_pid "$leader")
  echo "# leader: m$leader $url pid $pid"
  local idle; idle=$(( $(vmrss_kb "$pid" || echo 0) / 1024 ))
  echo "# VmRSS of the leader just started (/proc/$pid/status): $idle MiB"
  rows+=("$server|rss|idle VmRSS MiB|$idle|||||")
  GC_FILE=""
  if [ "$server" = etcdj ]; then GC_FILE=$(gc_file "$pid") || GC_FILE=""; fi
  show wrk -t1 -c16 -d10s -s "$shared/fill.lua" "$url" -- 10000
  wrk -t1 -c16 -d10s -s "$shared/fill.lua" "$url" -- 10000 2>&1 | tail -1 | sed 's/^/    /'
  show wrk -t2 -c128 -d"${WARMUP_S}"s -s "$repo/bench/wrk-v2.lua" "$url" -- put 10000 "  (warm-up)"
  wrk -t2 -c128 -d"${WARMUP_S}"s -s "$repo/bench/wrk-v2.lua" "$url" -- put 10000 2>&1 | tail -1 | sed 's/^/    /'
  local mode
  for mode in put get qget; do
    measure "$server" wrk "$mode" wrk -t2 -c128 -d"${DURATION}"s --latency -s "$repo/bench/wrk-v2.lua" "$url" -- "$mode" 10000
  done
  local b=(java -jar "$jar")
  measure "$server" etcdj-bench put "${b[@]}" put --endpoints "$url" --conns 128 --duration "$DURATION" --warmup 3 --value-size 256 --key-space 10000
  measure "$server" etcdj-bench get "${b[@]}" get --endpoints "$url" --conns 128 --duration "$DURATION" --warmup 3 --key-space 10000
  measure "$server" etcdj-bench qget "${b[@]}" get --endpoints "$url" --conns 128 --duration "$DURATION" --warmup 3 --key-space 10000 --quorum
  local after; after=$(cluster_leader 2> /dev/null || echo "?")
  [ "$after" = "$leader" ] || echo "# WARNING: the leader changed during the runs (m$leader -> m$after): figures mix roles"
  local i rss=""
  for i in $(seq 1 "$MEMBERS"); do
    rss+="m$i$([ "$i" = "$leader" ] && echo '(leader)') $(( $(vmrss_kb "$(member_pid "$i")" || echo 0) / 1024 )) MiB  "
  done
  echo "# VmRSS (/proc/PID/status): $rss"
  rows+=("$server|rss|leader VmRSS MiB|$(( $(vmrss_kb "$pid" || echo 0) / 1024 ))|||||")
  [ -n "$GC_FILE" ] && echo "# GC log of the leader: $GC_FILE (pauses in all: $(gc_pause_ms "$GC_FILE") ms)"
  cluster_stop
  [ "$MEM" = 1 ] && run_mem "$server" "$binary"
}

# A fresh cluster: 10,000 idle watchers then 200,000 keys of 128 bytes on the leader (bench mem).
run_mem() {
  local server=$1 binary=$2 out
  echo "################ $server ($binary), $MEMBERS member(s): memory per watcher and per key"
  cluster_start "$binary" "$MEMBERS" || { cluster_stop; rows+=("$server|mem|cluster did not start||||||"); return; }
  local url pid; url=$(client_url "$CLUSTER_LEADER"); pid=$(member_pid "$CLUSTER_LEADER")
  # 12 s to settle before each reading, for both servers: an idle member returns what arming
  # 10,000 watchers or writing 200,000 keys left behind within that (etcdj collects after 10 s
  # idle; Go's scavenger returns freed pages in the background); MEM_SETTLE changes it
  local cmd=(java -jar "$jar" mem --server-pid "$pid" --endpoints "$url" --watchers 10000 --keys 200000 --value-size 128
    --settle "${MEM_SETTLE:-12}")
  show "${cmd[@]}"
  out=$("${cmd[@]}" 2>&1)
  grep -vE '^(==|$)' <<< "$out" | sed 's/^/    /'
  rows+=("$server|rss|with 10k watchers MiB|$(awk '/^rss with watchers/ {print $4}' <<< "$out")|||||")
  rows+=("$server|mem|bytes per watcher|$(awk '/^bytes per watcher/ {print $4}' <<< "$out")|||||")
  rows+=("$server|mem|bytes per key|$(awk '/^bytes per key/ {print $4}' <<< "$out")|||||")
  cluster_stop
}

servers=("${@:-etcd}")
[ $# -eq 0 ] && servers=(etcd etcdj)
for s in "${servers[@]}"; do
  case "$s" in
    etcd) run_server etcd "$ETCD_BIN" ;;
    etcdj) run_server etcdj "$ETCDJ_BIN" ;;
    *) echo "unknown server $s (etcd or etcdj)" >&2; exit 2 ;;
  esac
done

echo
echo "################ summary ($MEMBERS member(s), load on the leader, ${DURATION} s per run, 128 connections, 256-byte values)"
printf '%-6s %-12s %-18s %12s %9s %9s %9s %8s %7s\n' server tool workload "throughput/s" "p50 ms" "p99 ms" "p99.9 ms" errors "GC"
for r in "${rows[@]}"; do
  IFS='|' read -r s t m tp a b c e g <<< "$r"
  printf '%-6s %-12s %-18s %12s %9s %9s %9s %8s %7s\n' "$s" "$t" "$m" "$tp" "$a" "$b" "$c" "$e" "$g"
done
