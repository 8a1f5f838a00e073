#!/usr/bin/env bash
# Issue 7's watch figures, one member of each server, fresh data, one server at a time:
#  - the server's CPU per delivered event: 1,000 long-poll watchers re-arming by waitIndex,
#    300 PUTs, each sent once every watcher has the previous event (bench watch --closed-loop),
#    CPU (utime + stime of the server process) before and after, over events received;
#  - the notification p99 (PUT sent -> event read by the watcher) in the same closed loop at
#    100, 1,000 and 10,000 long-poll watchers, and at 10,000 stream=true watchers.
# Both the load and the server share this machine's cores, so a latency at 10,000 watchers
# includes the client's own work of reading 10,000 sockets.
#
#   bench/watch-table.sh [etcd|etcdj]...   (default: etcd etcdj; needs etcd and the jars)
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="java -jar $repo/bench/target/etcdj-bench.jar"
work="${WORK:-/tmp/etcdj-watch-table}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true  # 10,000 watchers need >10,000 descriptors per process
source "$repo/bench/servers.sh"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
sys_ticks() { awk '{print $15}' "/proc/$1/stat"; }
field() { awk -v k="$1" 'index($0, k) == 1 { print $NF; exit }'; }
p99() { awk '/^notify latency ms/ { for (i = 1; i <= NF; i++) if ($i == "p99") print $(i + 1) }'; }

rows=()
for s in "${@:-etcd etcdj}"; do
  for server in $s; do
    start "$server"
    echo "################ $server (pid $PID)"
    # the same warm-up for both (a JVM compiles its hot paths under load; etcd gets it too)
    $bench put --endpoints "$URL" --conns 64 --duration 10 --warmup 0 > /dev/null 2>&1
    $bench watch --endpoints "$URL" --watchers 1000 --puts 300 --closed-loop > /dev/null 2>&1

    cmd=(watch --endpoints "$URL" --watchers 1000 --puts 300 --closed-loop)
    echo "\$ etcdj-bench ${cmd[*]}   (server CPU before and after)"
    before=$(cpu_ticks "$PID"); sys_before=$(sys_ticks "$PID")
    out=$($bench "${cmd[@]}" 2>&1)
    after=$(cpu_ticks "$PID"); sys_after=$(sys_ticks "$PID")
    echo "$out" | grep -vE '^(==|$)'
    received=$(field "events received" <<< "$out")
    ticks_per_s=$(getconf CLK_TCK)
    # the arming and the writer's PUTs are in the figure too: it is an upper bound per delivery
    us=$(awk -v a="$after" -v b="$before" -v n="$received" -v t="$ticks_per_s" \
      'BEGIN { if (n > 0) printf "%.1f", (a - b) / t * 1e6 / n; else print "n/a" }')
    sys_us=$(awk -v a="$sys_after" -v b="$sys_before" -v n="$received" -v t="$ticks_per_s" \
      'BEGIN { if (n > 0) printf "%.1f", (a - b) / t * 1e6 / n; else print "n/a" }')
    echo "server CPU per delivered event: $us us, of which in the kernel $sys_us us ($(( after - before )) ticks, $received events)"
    rows+=("$server|CPU per delivered event (1,000 long-poll, closed loop)|$us us")
    rows+=("$server|  of which in the kernel (stime)|$sys_us us")
    rows+=("$server|notify p99, 1,000 long-poll|$(p99 <<< "$out") ms")
    missed=$(field "events missed" <<< "$out")

    for spec in "100 300" "10000 30"; do
      set -- $spec
      cmd=(watch --endpoints "$URL" --watchers "$1" --puts "$2" --closed-loop --drain 30)
      echo "\$ etcdj-bench ${cmd[*]}"
      out=$($bench "${cmd[@]}" 2>&1); echo "$out" | grep -vE '^(==|$)'
      rows+=("$server|notify p99, $(sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<< "$1") long-poll|$(p99 <<< "$out") ms")
      missed=$(( missed + $(field "events missed" <<< "$out") ))
    done
    cmd=(watch --endpoints "$URL" --watchers 10000 --puts 30 --closed-loop --stream --drain 30)
    echo "\$ etcdj-bench ${cmd[*]}"
    out=$($bench "${cmd[@]}" 2>&1); echo "$out" | grep -vE '^(==|$)'
    rows+=("$server|notify p99, 10,000 stream|$(p99 <<< "$out") ms")
    missed=$(( missed + $(field "events missed" <<< "$out") ))
    rows+=("$server|events missed, all runs|$missed")
    stop
  done
done

echo
echo "################ summary"
printf '%-6s | %-55s | %s\n' server figure value
for r in "${rows[@]}"; do IFS='|' read -r a b c <<< "$r"; printf '%-6s | %-55s | %s\n' "$a" "$b" "$c"; done
