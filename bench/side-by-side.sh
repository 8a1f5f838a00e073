#!/usr/bin/env bash
# Runs the same bench commands against etcd 3.4 and etcdj, one server at a time, each fresh, on
# this machine, and prints every figure for both. Needs etcd (apt-get install etcd-server) and
# the built jars (mvn -B -DskipTests package). Usage: bench/side-by-side.sh [etcd|etcdj]...
# Every bench command it runs is printed before its output, so any figure can be re-run alone.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="java -jar $repo/bench/target/etcdj-bench.jar"
work="${WORK:-/tmp/etcdj-side-by-side}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true  # 10,000 watchers need >10,000 descriptors per process

source "$repo/bench/servers.sh"
run() { echo "\$ etcdj-bench $* --endpoints $URL"; $bench "$@" --endpoints "$URL" 2>&1 | grep -vE '^(==|$)'; echo; }

for server in "${@:-etcd etcdj}"; do
  for s in $server; do
    echo "################ $s"
    start "$s"
    # Warm-up (a JVM compiles its hot paths in its first tens of seconds under load; etcd needs
    # none, and gets the same)
    $bench put --endpoints "$URL" --conns 64 --duration 20 --warmup 0 > /dev/null 2>&1
    $bench watch --endpoints "$URL" --watchers 100 --puts 2000 > /dev/null 2>&1
    run put --conns 128 --duration 10 --warmup 3 --value-size 256 --key-space 10000
    run get --conns 128 --duration 10 --warmup 3 --key-space 10000
    run get --conns 128 --duration 10 --warmup 3 --key-space 10000 --quorum
    run watch --watchers 100 --puts 3000
    run watch --watchers 100 --rate 100 --duration 10
    run watch --watchers 1000 --puts 1000
    run watch --watchers 10000 --puts 20 --drain 30
    stop
    start "$s"
    run mem --server-pid "$PID" --watchers 10000 --keys 200000 --value-size 128
    stop
  done
done
