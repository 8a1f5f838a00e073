# Sourced by cluster.sh, failover.sh and cluster-side-by-side.sh: starts, inspects and stops a
# 1-, 3- or 5-member cluster of ONE member binary on loopback. The binary takes etcd's flags, so
# the same functions run etcd 3.4 (`etcd`, v2 enabled with --enable-v2=true) and `bin/etcdj`.
#
# Member i (1..N) is named m<i>, listens for clients on BASE_PORT + 2(i-1) and for peers on
# the port after; data in $CLUSTER_WORK/m<i>, log in $CLUSTER_WORK/m<i>.log, pid in
# $CLUSTER_WORK/m<i>.pid. State for later calls (binary, size, ports) is kept in
# $CLUSTER_WORK/cluster.env, so `cluster.sh stop` in another shell finds the members.
#
# Needs: CLUSTER_WORK (default /tmp/etcdj-cluster), BASE_PORT (default 34379), curl.

CLUSTER_WORK="${CLUSTER_WORK:-/tmp/etcdj-cluster}"
BASE_PORT="${BASE_PORT:-34379}"
CLUSTER_TOKEN="${CLUSTER_TOKEN:-etcdj-bench-cluster}"
HEALTH_TIMEOUT_S="${HEALTH_TIMEOUT_S:-90}"  # a JVM member compiles for a while before it answers

client_port() { echo $((BASE_PORT + 2 * ($1 - 1))); }
peer_port() { echo $((BASE_PORT + 2 * ($1 - 1) + 1)); }
client_url() { echo "http://127.0.0.1:$(client_port "$1")"; }
peer_url() { echo "http://127.0.0.1:$(peer_port "$1")"; }

cluster_load_env() {
  [ -f "$CLUSTER_WORK/cluster.env" ] || { echo "no cluster state in $CLUSTER_WORK" >&2; return 1; }
  # shellcheck disable=SC1091
  source "$CLUSTER_WORK/cluster.env"
}

initial_cluster() {
  local n=$1 out="" i
  for i in $(seq 1 "$n"); do out+="${out:+,}m$i=$(peer_url "$i")"; done
  echo "$out"
}

# The exact command line of member i (as an array in MEMBER_ARGS).
member_args() {
  local i=$1
  MEMBER_ARGS=(--name "m$i" --data-dir "$CLUSTER_WORK/m$i" --enable-v2=true
    --listen-client-urls "$(client_url "$i")" --advertise-client-urls "$(client_url "$i")"
    --listen-peer-urls "$(peer_url "$i")" --initial-advertise-peer-urls "$(peer_url "$i")"
    --initial-cluster "$(initial_cluster "$CLUSTER_SIZE")" --initial-cluster-state new
    --initial-cluster-token "$CLUSTER_TOKEN")
}

port_in_use() { # something accepts TCP connections on 127.0.0.1:$1
  (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null
}

# Starts (or restarts, same data dir and flags) member i in the background; appends to its log.
member_start() {
  local i=$1
  member_args "$i"
  echo "\$ $CLUSTER_BINARY ${MEMBER_ARGS[*]} >> $CLUSTER_WORK/m$i.log 2>&1 &" >> "$CLUSTER_WORK/commands.log"
  "$CLUSTER_BINARY" "${MEMBER_ARGS[@]}" >> "$CLUSTER_WORK/m$i.log" 2>&1 &
  echo $! > "$CLUSTER_WORK/m$i.pid"
}

member_pid() { cat "$CLUSTER_WORK/m$1.pid" 2> /dev/null; }

member_alive() { local p; p=$(member_pid "$1") && [ -n "$p" ] && kill -0 "$p" 2> /dev/null; }

member_kill() { member_signal "$1" KILL; } # SIGKILL member i and reap it

# Sends signal $2 (KILL, TERM, ...) to member i (the pid this library started) and returns once
# the process is gone (reaped): at once for KILL, after its graceful stop for TERM.
member_signal() {
  local i=$1 signal=$2 p
  p=$(member_pid "$i") || return 0
  kill -"$signal" "$p" 2> /dev/null
  wait "$p" 2> /dev/null  # reaps it when this shell started it
  while kill -0 "$p" 2> /dev/null; do sleep 0.01; done
  mv -f "$CLUSTER_WORK/m$i.pid" "$CLUSTER_WORK/m$i.pid.last"
}

member_healthy() { # /health says true (etcd: the member has a leader and a QGET committed)
  curl -s --max-time 2 "$(client_url "$1")/health" 2> /dev/null | grep -q '"health":"true"'
}

# Waits until member i answers /health true; fails if its process died or after the timeout.
member_wait_healthy() {
  local i=$1 deadline=$((SECONDS + HEALTH_TIMEOUT_S))
  while [ $SECONDS -lt $deadline ]; do
    member_alive "$i" || { echo "m$i exited; see $CLUSTER_WORK/m$i.log" >&2; return 1; }
    member_healthy "$i" && return 0
    sleep 0.05
  done
  echo "m$i not healthy after ${HEALTH_TIMEOUT_S}s; see $CLUSTER_WORK/m$i.log" >&2
  return 1
}

# X-Raft-Index and X-Etcd-Index of a plain (local, not quorum) GET on member i: "raft etcd".
member_indexes() {
  curl -s --max-time 2 -o /dev/null -D - "$(client_url "$1")/v2/keys/" 2> /dev/null \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "x-raft-index" {r = $2} tolower($1) == "x-etcd-index" {e = $2}
                               END {if (r != "") print r, e}'
}

# The leader as the live members see it: the member number every live member's
# GET /v2/members/leader names (etcd's /v2/stats/self keeps saying StateLeader after a
# leader steps down, so it is not used). Prints the number; fails if they disagree or none knows.
cluster_leader() {
  local i name names=""
  for i in $(seq 1 "$CLUSTER_SIZE"); do
    member_alive "$i" || continue
    name=$(curl -s --max-time 2 "$(client_url "$i")/v2/members/leader" 2> /dev/null \
      | sed -n 's/.*"name":"\([^"]*\)".*/\1/p')
    [ -n "$name" ] || return 1
    names+="$name "
  done
  set -- $names
  [ $# -gt 0 ] || return 1
  for name in "$@"; do [ "$name" = "$1" ] || return 1; done
  echo "${1#m}"
}

# Waits until the live members agree on a leader; prints its number.
cluster_wait_leader() {
  local deadline=$((SECONDS + HEALTH_TIMEOUT_S)) l
  while [ $SECONDS -lt $deadline ]; do
    l=$(cluster_leader) && { echo "$l"; return 0; }
    sleep 0.05
  done
  echo "no agreed leader after ${HEALTH_TIMEOUT_S}s" >&2
  return 1
}

# Waits until member i has applied at least raft index $2 (plain GETs only: no raft entries).
member_wait_index() {
  local i=$1 want=$2 deadline=$((SECONDS + HEALTH_TIMEOUT_S)) have
  while [ $SECONDS -lt $deadline ]; do
    have=$(member_indexes "$i" | awk '{print $1}')
    [ -n "$have" ] && [ "$have" -ge "$want" ] && return 0
    sleep 0.05
  done
  echo "m$i did not reach raft index $want" >&2
  return 1
}

# cluster_start BINARY [N]: fresh data dirs, N (1, 3 or 5) members, all healthy, a leader agreed.
# Returns 2 for bad arguments and 3 when a port already answers (nothing started, nothing
# touched), 1 when a member did not come up (the caller stops what was started).
cluster_start() {
  CLUSTER_BINARY=$1
  CLUSTER_SIZE=${2:-3}
  if [ "$CLUSTER_SIZE" != 1 ] && [ "$CLUSTER_SIZE" != 3 ] && [ "$CLUSTER_SIZE" != 5 ]; then
    echo "cluster size must be 1, 3 or 5" >&2; return 2
  fi
  if ! command -v "$CLUSTER_BINARY" > /dev/null 2>&1 && [ ! -x "$CLUSTER_BINARY" ]; then
    echo "no such member binary: $CLUSTER_BINARY" >&2; return 2
  fi
  local i p
  for i in $(seq 1 "$CLUSTER_SIZE"); do
    for p in $(client_port "$i") $(peer_port "$i"); do
      # a member left over from an earlier run would answer instead of the fresh one
      if port_in_use "$p"; then echo "something already answers on port $p: stop it first" >&2; return 3; fi
    done
  done
  rm -rf "$CLUSTER_WORK" && mkdir -p "$CLUSTER_WORK"
  # once, before the members: bin/etcdj builds its jar on first use (N members would race)
  echo "\$ $CLUSTER_BINARY --version" >> "$CLUSTER_WORK/commands.log"
  "$CLUSTER_BINARY" --version 2>&1 | sed 's/^/# /' >> "$CLUSTER_WORK/commands.log"
  printf 'CLUSTER_BINARY=%q\nCLUSTER_SIZE=%q\nBASE_PORT=%q\nCLUSTER_TOKEN=%q\n' \
    "$CLUSTER_BINARY" "$CLUSTER_SIZE" "$BASE_PORT" "$CLUSTER_TOKEN" > "$CLUSTER_WORK/cluster.env"
  for i in $(seq 1 "$CLUSTER_SIZE"); do member_start "$i"; done
  for i in $(seq 1 "$CLUSTER_SIZE"); do member_wait_healthy "$i" || return 1; done
  CLUSTER_LEADER=$(cluster_wait_leader) || return 1
}

# Stops every member this library started: SIGTERM, then SIGKILL after 10 s.
cluster_stop() {
  local i p
  for i in $(seq 1 "${CLUSTER_SIZE:-5}"); do
    p=$(member_pid "$i") || continue
    kill -TERM "$p" 2> /dev/null
  done
  for i in $(seq 1 "${CLUSTER_SIZE:-5}"); do
    p=$(member_pid "$i") || continue
    for _ in $(seq 1 200); do kill -0 "$p" 2> /dev/null || break; sleep 0.05; done
    kill -KILL "$p" 2> /dev/null
    wait "$p" 2> /dev/null
    rm -f "$CLUSTER_WORK/m$i.pid"
  done
}

vmrss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2> /dev/null; }
