#!/usr/bin/env bash
# Launch to healthy: the time from starting a member on a fresh data dir to the first
# `GET /health` that answers {"health":"true"}, for etcd and for bin/etcdj in turn
# (etcd, etcdj, etcd, etcdj, ...: pairing keeps the comparison fair on a machine whose speed
# drifts). Prints min / median / max in milliseconds for each.
#
#   bench/startup.sh [RUNS]        RUNS per server, default 9; one warm-up run each is not counted
#
# Environment: PORT (client port, default 34379; the peer port is PORT+1), WORK (data dirs and
# logs, default /tmp/etcdj-startup), ETCD (the etcd binary, default `etcd`; empty skips etcd),
# ETCDJ (the etcdj launcher, default this repo's bin/etcdj: another checkout's, to compare builds).
# Needs bash 5 (EPOCHREALTIME, /dev/tcp), mkfifo and etcd 3.4. Polls /health every 5 ms.
# Builds the jar first if it is missing, so the build is never timed; the first etcdj launch (a
# warm-up, not counted) also makes bin/etcdj's class-data archive if the jar is new.
set -euo pipefail

repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-9}"
port="${PORT:-34379}"
work="${WORK:-/tmp/etcdj-startup}"
etcd_bin="${ETCD-etcd}"
etcdj_bin="${ETCDJ:-$repo/bin/etcdj}"
url="http://127.0.0.1:$port"
mkdir -p "$work"

now_us() { local t="$EPOCHREALTIME"; echo "${t/./}"; }

# The poller is bash alone (a /dev/tcp connection, builtin reads): a poller that starts a process
# per poll (curl in a loop) takes a good part of a core from the server it waits for.
pause_fifo="$work/pause.fifo"
rm -f "$pause_fifo" && mkfifo "$pause_fifo"
exec 4<> "$pause_fifo" # opened for reading and writing: reads on it wait for their timeout
pause() { read -r -t "$1" -u 4 _ || true; }

# One GET /health on a fresh connection: succeeds when the answer says healthy.
healthy() {
  exec 3<> "/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  local reply=""
  read -r -d '' -t 2 -u 3 reply || true
  exec 3>&-
  [[ "$reply" == *'"health":"true"'* ]]
}

answers() { { exec 3<> "/dev/tcp/127.0.0.1/$port"; } 2> /dev/null && exec 3>&-; }

# One launch: prints the milliseconds from launch to the first healthy answer.
launch() { # $1 = etcd|etcdj
  local data="$work/$1.data"
  rm -rf "$data"
  if answers; then
    echo "something already answers on $url: stop it first" >&2; exit 1
  fi
  local args=(--name default --data-dir "$data" --enable-v2=true
    --listen-client-urls "$url" --advertise-client-urls "$url"
    --listen-peer-urls "http://127.0.0.1:$((port + 1))"
    --initial-advertise-peer-urls "http://127.0.0.1:$((port + 1))"
    --initial-cluster "default=http://127.0.0.1:$((port + 1))")
  local start; start=$(now_us)
  if [ "$1" = etcd ]; then "$etcd_bin" "${args[@]}" > "$work/$1.log" 2>&1 &
  else "$etcdj_bin" "${args[@]}" > "$work/$1.log" 2>&1 &
  fi
  local pid=$!
  until healthy 2> /dev/null; do
    if ! kill -0 "$pid" 2> /dev/null; then
      echo "$1 exited before it was healthy; see $work/$1.log" >&2; exit 1
    fi
    local now="${EPOCHREALTIME/./}"
    if (( now - start > 60000000 )); then
      kill "$pid"; echo "$1 not healthy after 60 s; see $work/$1.log" >&2; exit 1
    fi
    pause 0.005
  done
  local end; end=$(now_us)
  kill "$pid"
  wait "$pid" 2> /dev/null || true
  while answers; do pause 0.05; done # the next launch needs the port
  echo $(( (end - start) / 1000 ))
}

summary() { # $1 = name, then the figures in ms
  local name="$1"; shift
  local sorted; mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
  local n=${#sorted[@]} median
  if (( n % 2 )); then median=${sorted[n / 2]}
  else median=$(( (sorted[n / 2 - 1] + sorted[n / 2]) / 2 ))
  fi
  printf '%-6s runs %-3d min %5d ms   median %5d ms   max %5d ms   (%s)\n' \
    "$name" "$n" "${sorted[0]}" "$median" "${sorted[n - 1]}" "$*"
}

if [ ! -f "$repo/http-api/target/etcdj.jar" ]; then
  echo "building the jar first (not timed)..." >&2
  (cd "$repo" && mvn -B -q -DskipTests -pl http-api -am package) >&2
fi

servers=(etcdj)
[ -n "$etcd_bin" ] && servers=(etcd etcdj)
declare -A times
for server in "${servers[@]}"; do
  launch "$server" > /dev/null # warm-up: page cache, and whatever a first run prepares
  times[$server]=""
done
for _ in $(seq 1 "$runs"); do
  for server in "${servers[@]}"; do
    times[$server]+="$(launch "$server") "
  done
done
echo "launch to healthy on a fresh data dir, $(nproc) cores, $runs runs each:"
for server in "${servers[@]}"; do
  # shellcheck disable=SC2086 # the figures are one word each
  summary "$server" ${times[$server]}
done
rm -rf "$work"/*.data "$pause_fifo"
