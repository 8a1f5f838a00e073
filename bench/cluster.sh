#!/usr/bin/env bash
# Starts, inspects and stops a 3- or 5-member cluster of one member binary on loopback, with
# fresh data dirs, so etcd 3.4 and etcdj are measured the same way (see bench/README.md).
#
#   bench/cluster.sh start BINARY [--members 3|5]   fresh cluster; waits until every member's
#                                                   /health is true; prints the leader's client URL
#   bench/cluster.sh leader                         the leader's client URL (as the members see it)
#   bench/cluster.sh status                         every member: pid, client URL, health, indexes
#   bench/cluster.sh stop                           SIGTERM every member it started (SIGKILL after 10 s)
#
# BINARY: `etcd` (v2 enabled with --enable-v2=true, passed to every binary) or `bin/etcdj`.
# Members m1..mN listen for clients on BASE_PORT, BASE_PORT+2, ... (default 34379) and for peers on
# the port after each; data, logs, pids and the commands run are under CLUSTER_WORK
# (default /tmp/etcdj-cluster). Refuses to start when any of its ports already answers.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/bench/cluster-lib.sh"

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

cmd=${1:-}; shift || true
case "$cmd" in
  start)
    binary=${1:-}; shift || true
    [ -n "$binary" ] || usage
    size=3
    while [ $# -gt 0 ]; do
      case "$1" in
        --members) size=$2; shift 2 ;;
        --members=*) size=${1#*=}; shift ;;
        *) usage ;;
      esac
    done
    cluster_start "$binary" "$size"; rc=$?
    if [ $rc -eq 1 ]; then
      echo "start failed; stopping what was started" >&2
      cluster_stop
    fi
    [ $rc -eq 0 ] || exit $rc
    sed 's/^/# /' "$CLUSTER_WORK/commands.log" >&2
    echo "leader m$CLUSTER_LEADER (pid $(member_pid "$CLUSTER_LEADER"))" >&2
    client_url "$CLUSTER_LEADER"
    ;;
  leader)
    cluster_load_env || exit 1
    l=$(cluster_leader) || { echo "no agreed leader" >&2; exit 1; }
    client_url "$l"
    ;;
  status)
    cluster_load_env || exit 1
    l=$(cluster_leader 2> /dev/null || true)
    for i in $(seq 1 "$CLUSTER_SIZE"); do
      if member_alive "$i"; then
        h=$(curl -s --max-time 2 "$(client_url "$i")/health")
        printf 'm%d pid %-7s %s  health %s  raft/etcd index %s%s\n' "$i" "$(member_pid "$i")" "$(client_url "$i")" \
          "${h:-?}" "$(member_indexes "$i" | tr ' ' /)" "$([ "$i" = "$l" ] && echo '  LEADER')"
      else
        printf 'm%d not running           %s\n' "$i" "$(client_url "$i")"
      fi
    done
    ;;
  stop)
    cluster_load_env || exit 1
    cluster_stop
    echo "stopped" >&2
    ;;
  *) usage ;;
esac
