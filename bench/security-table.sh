#!/usr/bin/env bash
# Issue 8's figures, one member of each server at a time, each on fresh data: what v2 auth and
# TLS cost. Per server:
#   auth: root, a role with read and write on /*, a user with that role, auth enabled (guest
#         keeps its read and write on /*, so anonymous requests still get in); then PUT and GET
#         with wrk, anonymous and with the user's Basic credentials;
#   tls:  a fresh member on an https:// client URL with a certificate from a CA this script
#         makes (openssl); PUT and GET with wrk over TLS.
# Each run: 10,000-key fill, 10 s of PUT warm-up, then 10 s per figure, 128 connections,
# 256-byte values (bench/wrk-v2.lua). Prints every command, then one table with the server's
# CPU per answered request (/proc/PID/stat). ROUNDS=3 repeats the auth-on PUT pair alternately.
#
#   bench/security-table.sh [etcd|etcdj]...      (default: etcd etcdj)
#
# Needs: wrk, curl, openssl, etcd 3.4 (ETCD_BIN), bin/etcdj (ETCDJ_BIN). Ports: BASE_PORT
# (default 36379) and the next one. The machine is shared: compare servers within one run.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SHARED_BENCH:-/work/shared/bench}"
work="${WORK:-/tmp/etcdj-security-table}"
ETCD_BIN="${ETCD_BIN:-etcd}"
ETCDJ_BIN="${ETCDJ_BIN:-$repo/bin/etcdj}"
BASE_PORT="${BASE_PORT:-36379}"
DURATION="${DURATION:-10}"
CONNS="${CONNS:-128}"
ROUNDS="${ROUNDS:-1}"  # rounds of (anonymous PUT, authenticated PUT) with auth on
ulimit -n "$(ulimit -Hn)" 2> /dev/null || true
for tool in wrk curl openssl; do
  command -v "$tool" > /dev/null || { echo "$tool is not installed" >&2; exit 1; }
done

show() { echo "\$ $*"; }
rows=()
member_pid=""

make_certs() { # a CA and a server certificate for 127.0.0.1, in $work/certs
  local d="$work/certs"
  [ -f "$d/server.crt" ] && return
  mkdir -p "$d"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=bench-ca" \
    -keyout "$d/ca.key" -out "$d/ca.crt" 2> /dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$d/server.key" -out "$d/server.csr" 2> /dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n' > "$d/ext.cnf"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial \
    -days 3650 -extfile "$d/ext.cnf" -out "$d/server.crt" 2> /dev/null
}

# start SERVER BINARY SCHEME: a fresh member; sets url and member_pid.
start() {
  local server=$1 binary=$2 scheme=$3 dir="$work/$1-$3"
  rm -rf "$dir"
  url="$scheme://127.0.0.1:$BASE_PORT"
  local peer="http://127.0.0.1:$((BASE_PORT + 1))" tls=()
  [ "$scheme" = https ] && tls=(--cert-file "$work/certs/server.crt" --key-file "$work/certs/server.key")
  local args=(--name m1 --data-dir "$dir" --enable-v2=true --listen-client-urls "$url"
    --advertise-client-urls "$url" --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer"
    --initial-cluster "m1=$peer" "${tls[@]}")
  show "$binary" "${args[@]}" ">> $dir.log 2>&1 &"
  "$binary" "${args[@]}" >> "$dir.log" 2>&1 &
  member_pid=$!
  local i
  for i in $(seq 1 300); do
    curl -s --cacert "$work/certs/ca.crt" "$url/health" 2> /dev/null | grep -q '"health":"true"' && return 0
    kill -0 "$member_pid" 2> /dev/null || { echo "$server did not start (see $dir.log)"; return 1; }
    sleep 0.1
  done
  echo "$server did not answer /health in 30 s (see $dir.log)"; return 1
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$member_pid/stat"; }

stop() { kill "$member_pid" 2> /dev/null; wait "$member_pid" 2> /dev/null; member_pid=""; }

# measure SERVER SECTION MODE WRK-ARGS...: runs wrk, keeps one row.
measure() {
  local server=$1 section=$2 mode=$3; shift 3
  local cmd=(wrk -t2 -c"$CONNS" -d"${DURATION}"s --latency "$@")
  show "${cmd[@]}"
  local cpu0; cpu0=$(cpu_ticks)
  local out; out=$("${cmd[@]}" 2>&1 | tail -1)
  local cpu1; cpu1=$(cpu_ticks)
  echo "    $out"
  local tput p50 p99 errs
  read -r tput p50 p99 errs < <(awk '{ gsub(/ms/, ""); for (i = 1; i <= NF; i++) { split($i, kv, "=");
      if (kv[2] == "") { kv[2] = $(i + 1) } v[kv[1]] = kv[2] } print v["req/s"], v["p50"], v["p99"], v["errors"] }' <<< "$out")
  # the server's CPU (user + system, /proc/PID/stat) per answered request, in microseconds
  local cpu; cpu=$(awk -v a="$cpu0" -v b="$cpu1" -v hz="$(getconf CLK_TCK)" -v r="${tput:-0}" -v d="$DURATION" \
      'BEGIN { n = r * d; if (n > 0) printf "%.1f", (b - a) / hz * 1e6 / n; else print "?" }')
  rows+=("$server|$section|$mode|${tput:-?}|${p50:-?}|${p99:-?}|${errs:-?}|$cpu")
}

warm() {
  show wrk -t1 -c16 -d10s -s "$shared/fill.lua" "$url" -- 10000
  wrk -t1 -c16 -d10s -s "$shared/fill.lua" "$url" -- 10000 2>&1 | tail -1 | sed 's/^/    /'
  show wrk -t2 -c"$CONNS" -d10s -s "$repo/bench/wrk-v2.lua" "$url" -- put 10000 "  (warm-up)"
  wrk -t2 -c"$CONNS" -d10s -s "$repo/bench/wrk-v2.lua" "$url" -- put 10000 2>&1 | tail -1 | sed 's/^/    /'
}

api() { # api METHOD PATH BODY [CREDENTIALS]: one auth API call, shown with its answer
  local auth=()
  [ -n "${4:-}" ] && auth=(-u "$4")
  show curl -s -X "$1" "$url$2" -d "$3" "${auth[@]}"
  echo "    $(curl -s -X "$1" "$url$2" -H 'Content-Type: application/json' -d "$3" "${auth[@]}")"
}

run_auth() {
  local server=$1 binary=$2
  echo "################ $server ($binary): v2 auth"
  start "$server" "$binary" http || { rows+=("$server|auth|did not start||||"); stop; return; }
  warm
  measure "$server" "auth off" put -s "$repo/bench/wrk-v2.lua" "$url" -- put 10000
  api PUT /v2/auth/users/root '{"user":"root","password":"rootpw"}'
  api PUT /v2/auth/roles/benchrw '{"role":"benchrw","permissions":{"kv":{"read":["/*"],"write":["/*"]}}}'
  api PUT /v2/auth/users/bench '{"user":"bench","password":"benchpw","roles":["benchrw"]}'
  api PUT /v2/auth/enable '' root:rootpw
  local basic; basic="Authorization: Basic $(printf 'bench:benchpw' | base64)"
  local round
  for round in $(seq 1 "$ROUNDS"); do # alternating, so a drift of the machine hits both alike
    measure "$server" "auth on" "put anonymous" -s "$repo/bench/wrk-v2.lua" "$url" -- put 10000
    measure "$server" "auth on" "put as user" -H "$basic" -s "$repo/bench/wrk-v2.lua" "$url" -- put 10000
  done
  measure "$server" "auth on" "get anonymous" -s "$repo/bench/wrk-v2.lua" "$url" -- get 10000
  measure "$server" "auth on" "get as user" -H "$basic" -s "$repo/bench/wrk-v2.lua" "$url" -- get 10000
  echo "# VmRSS after the auth runs: $(( $(awk '/VmRSS/ {print $2}' "/proc/$member_pid/status") / 1024 )) MiB"
  stop
}

run_tls() {
  local server=$1 binary=$2
  echo "################ $server ($binary): TLS for clients"
  start "$server" "$binary" https || { rows+=("$server|tls|did not start||||"); stop; return; }
  warm
  measure "$server" tls put -s "$repo/bench/wrk-v2.lua" "$url" -- put 10000
  measure "$server" tls get -s "$repo/bench/wrk-v2.lua" "$url" -- get 10000
  echo "# VmRSS after the TLS runs: $(( $(awk '/VmRSS/ {print $2}' "/proc/$member_pid/status") / 1024 )) MiB"
  stop
}

mkdir -p "$work"
make_certs
servers=("$@")
[ $# -eq 0 ] && servers=(etcd etcdj)
for s in "${servers[@]}"; do
  case "$s" in
    etcd) run_auth etcd "$ETCD_BIN"; run_tls etcd "$ETCD_BIN" ;;
    etcdj) run_auth etcdj "$ETCDJ_BIN"; run_tls etcdj "$ETCDJ_BIN" ;;
    *) echo "unknown server $s" >&2 ;;
  esac
done

echo
printf '%-6s %-9s %-14s %10s %9s %9s %7s %13s\n' server section mode "req/s" "p50 ms" "p99 ms" errors "cpu us/req"
for r in "${rows[@]}"; do
  IFS='|' read -r a b c d e f g h <<< "$r"
  printf '%-6s %-9s %-14s %10s %9s %9s %7s %13s\n' "$a" "$b" "$c" "$d" "$e" "$f" "$g" "$h"
done
