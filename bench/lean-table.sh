#!/usr/bin/env bash
# Issue 7's table, one member of each server, two rounds alternating etcd and etcdj, each on
# fresh data: PUT, GET and quorum GET with wrk and with bench (after the 10k-key fill and 20 s of
# PUT warm-up, 128 connections, 256-byte values), the collector's pause share (etcdj), VmRSS
# just started, after the run, and with 10,000 idle watchers, bytes per watcher and per stored
# key (200,000 keys of 128 bytes). Startup time: bench/startup.sh.
#
#   bench/lean-table.sh            (needs wrk, etcd, and the jars: mvn -B -q -DskipTests package)
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MEMBERS=1 MEM=1
export ETCDJ_JAVA_OPTS="${ETCDJ_JAVA_OPTS:--Xlog:gc:file=/tmp/etcdj-gc-%p.log}"
[ $# -gt 0 ] || set -- etcd etcdj etcd etcdj
exec "$repo/bench/cluster-side-by-side.sh" "$@"
