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
#
# STOP_SIGNAL=TERM stops the leader gracefully instead (etcd and etcdj both hand leadership to a
# follower first): the figure is then taken from the moment the process was gone (the signal
# to that moment is the stop, shown apart), and the longest time without any acknowledgement
# from the signal to 1 s after the process was gone is shown too (it is what clients see).
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary=${1:?usage: bench/failover.sh BINARY [KILLS=10]}
kills=${2:-10}
CLUSTER_WORK="${CLUSTER_WORK:-/tmp/etcdj-failover}"
source "$repo/bench/cluster-lib.sh"
steady=${STEADY_S:-3}
signal=${STOP_SIGNAL:-KILL}
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

if [ "$signal" = KILL ]; then
  printf '%-5s %-7s %-12s %s\n' kill leader "failover s" "restarted member healthy + caught up s"
else
  printf '%-5s %-7s %-8s %-12s %-17s %s\n' stop leader "stop s" "failover s" "longest ack gap s" \
    "restarted member healthy + caught up s"
fi
figures=()
ack_gaps=()
for k in $(seq 1 "$kills"); do
  leader=$(cluster_wait_leader) || exit 1
  t0=$(now)
  member_signal "$leader" "$signal"  # returns once the process is gone (reaped)
  t1=$(now)
  echo "# kill $k: SIG$signal m$leader (pid $(cat "$CLUSTER_WORK/m$leader.pid.last")) at $t0, gone at $t1" >> "$CLUSTER_WORK/commands.log"
  since=$t0
  [ "$signal" = KILL ] || since=$t1  # a graceful stop takes a while; the cluster serves meanwhile
  g=$(python3 "$repo/bench/failover-load.py" gap --log "$acks" --since "$since" --sent-after "$t1" --wait 60) \
    || { echo "no write acknowledged after kill $k" >&2; exit 1; }
  figures+=("$g")
  if [ "$signal" != KILL ]; then
    sleep 1.1  # the window of the longest gap ends 1 s after the process was gone
    ack_gap=$(python3 "$repo/bench/failover-load.py" maxgap --log "$acks" --from "$t0" \
      --to "$(awk -v t="$t1" 'BEGIN {printf "%.6f", t + 1}')")
    ack_gaps+=("$ack_gap")
  fi
  r0=$SECONDS
  member_start "$leader"
  member_wait_healthy "$leader" || exit 1
  new_leader=$(cluster_wait_leader) || exit 1
  want=$(member_indexes "$new_leader" | awk '{print $1}')
  member_wait_index "$leader" "$want" || exit 1
  if [ "$signal" = KILL ]; then
    printf '%-5s m%-6s %-12s %s\n' "$k" "$leader" "$g" "$((SECONDS - r0))"
  else
    printf '%-5s m%-6s %-8s %-12s %-17s %s\n' "$k" "$leader" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')" \
      "$g" "$ack_gap" "$((SECONDS - r0))"
  fi
  sleep "$steady"
done

kill -TERM "$load_pid"; wait "$load_pid"; load_pid=""
cat "$CLUSTER_WORK/load.out"
median_max() { # "median max" of the arguments
  printf '%s\n' "$@" | sort -n \
    | awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.3f %s\n", m, a[NR]}'
}
read -r median max <<< "$(median_max "${figures[@]}")"
if [ "$signal" = KILL ]; then
  echo "failover (kill -> first acknowledged write sent after the old leader was gone), $kills kills: median ${median} s, max ${max} s"
else
  read -r gap_median gap_max <<< "$(median_max "${ack_gaps[@]}")"
  echo "failover after SIG$signal (old leader gone -> first acknowledged write sent after that), $kills stops: median ${median} s, max ${max} s"
  echo "longest time without an acknowledged write (signal -> 1 s after gone), $kills stops: median ${gap_median} s, max ${gap_max} s"
fi
verify_cmd=(python3 "$repo/bench/failover-load.py" verify --urls "$urls" --log "$acks")
echo "\$ ${verify_cmd[*]}" >> "$CLUSTER_WORK/commands.log"
"${verify_cmd[@]}"; verified=$?
echo "commands run:"
sed 's/^/  /' "$CLUSTER_WORK/commands.log"
exit $verified
