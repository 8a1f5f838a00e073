#!/usr/bin/env bash
# Leader failover time of a 3-member cluster of BINARY (etcd or bin/etcdj), under a steady write load.
#
#   bench/failover.sh BINARY [KILLS=10]
#
# Fresh cluster (bench/cluster-lib.sh, ports from BASE_PORT, default 34379), then
# bench/failover-load.py PUTs new keys round robin to all three members' client URLs. KILLS times:
# find the leader (the member every live member's /v2/members/leader names), SIGKILL it, measure
# the time from the kill signal to the acknowledgement of the first write sent after the killed
# process was gone (a dying leader can still commit for a few ms on a busy machine), restart
# the killed member (same data dir, same flags), wait until it is healthy and has applied what the
# new leader had committed, let the load run STEADY_S (default 3) seconds, repeat. Then stops the
# load and reads everything back with one quorum GET: every acknowledged write must be there.
# Prints each kill's figure, the median and the max, "lost acknowledged writes: N", and every
# command it ran. Load knobs: LOAD_RATE (400 writes/s, open loop: a new write every 1/RATE s
# whatever became of the earlier ones), LOAD_TIMEOUT (3 s: a write unanswered by then is not
# acknowledged).
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary=${1:?usage: bench/failover.sh BINARY [KILLS=10]}
kills=${2:-10}
CLUSTER_WORK="${CLUSTER_WORK:-/tmp/etcdj-failover}"
source "$repo/bench/cluster-lib.sh"
steady=${STEADY_S:-3}
load_args=(--rate "${LOAD_RATE:-400}" --timeout "${LOAD_TIMEOUT:-3}")

now() { # wall time, Unix seconds with microseconds, without forking (bash 5), else date
  if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi
}

load_pid=""
cleanup() {
  [ -n "$load_pid" ] && kill -TERM "$load_pid" 2> /dev/null && wait "$load_pid" 2> /dev/null
  cluster_stop
}
trap cleanup EXIT

cluster_start "$binary" 3; rc=$?
[ $rc -eq 0 ] || exit $rc
urls=$(for i in 1 2 3; do client_url "$i"; done | paste -sd,)
acks="$CLUSTER_WORK/acks.log"
load_cmd=(python3 "$repo/bench/failover-load.py" run --urls "$urls" --log "$acks" "${load_args[@]}")
echo "\$ ${load_cmd[*]} &" >> "$CLUSTER_WORK/commands.log"
"${load_cmd[@]}" > "$CLUSTER_WORK/load.out" 2>&1 &
load_pid=$!
sleep "$steady"

printf '%-5s %-7s %-12s %s\n' kill leader "failover s" "restarted member healthy + caught up s"
figures=()
for k in $(seq 1 "$kills"); do
  leader=$(cluster_wait_leader) || exit 1
  t0=$(now)
  member_kill "$leader"  # returns once the process is gone (reaped)
  t1=$(now)
  echo "# kill $k: SIGKILL m$leader (pid $(cat "$CLUSTER_WORK/m$leader.pid.last")) at $t0, gone at $t1" >> "$CLUSTER_WORK/commands.log"
  g=$(python3 "$repo/bench/failover-load.py" gap --log "$acks" --since "$t0" --sent-after "$t1" --wait 60) \
    || { echo "no write acknowledged after kill $k" >&2; exit 1; }
  figures+=("$g")
  r0=$SECONDS
  member_start "$leader"
  member_wait_healthy "$leader" || exit 1
  new_leader=$(cluster_wait_leader) || exit 1
  want=$(member_indexes "$new_leader" | awk '{print $1}')
  member_wait_index "$leader" "$want" || exit 1
  printf '%-5s m%-6s %-12s %s\n' "$k" "$leader" "$g" "$((SECONDS - r0))"
  sleep "$steady"
done

kill -TERM "$load_pid"; wait "$load_pid"; load_pid=""
cat "$CLUSTER_WORK/load.out"
sorted=$(printf '%s\n' "${figures[@]}" | sort -n)
median=$(awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}' <<< "$sorted")
max=$(tail -1 <<< "$sorted")
echo "failover (kill -> first acknowledged write sent after the old leader was gone), $kills kills: median ${median} s, max ${max} s"
verify_cmd=(python3 "$repo/bench/failover-load.py" verify --urls "$urls" --log "$acks")
echo "\$ ${verify_cmd[*]}" >> "$CLUSTER_WORK/commands.log"
"${verify_cmd[@]}"; verified=$?
echo "commands run:"
sed 's/^/  /' "$CLUSTER_WORK/commands.log"
exit $verified
