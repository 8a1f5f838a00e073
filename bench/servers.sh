# Sourced by side-by-side.sh and put-rounds.sh: starts and stops one fresh server at a time.
# Needs $repo and $work. etcd listens on 32379, etcdj on 33379.

start() { # $1 = etcd|etcdj; sets PID and URL
  rm -rf "$work/$1" && mkdir -p "$work"
  local port=$([ "$1" = etcd ] && echo 32379 || echo 33379)
  # a server left over from an earlier run would answer instead of the fresh one
  if curl -sf "http://127.0.0.1:$port/version" > /dev/null; then
    echo "something already answers on port $port: stop it first" >&2; exit 1
  fi
  local args=(--name default --data-dir "$work/$1" --enable-v2=true
    --listen-client-urls "http://127.0.0.1:$port" --advertise-client-urls "http://127.0.0.1:$port"
    --listen-peer-urls "http://127.0.0.1:$((port + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((port + 1))"
    --initial-cluster "default=http://127.0.0.1:$((port + 1))")
  if [ "$1" = etcd ]; then etcd "${args[@]}" > "$work/$1.log" 2>&1 &
  else "$repo/bin/etcdj" "${args[@]}" > "$work/$1.log" 2>&1 &
  fi
  PID=$!; URL="http://127.0.0.1:$port"
  for _ in $(seq 1 200); do
    kill -0 "$PID" 2> /dev/null || break
    curl -sf "$URL/version" > /dev/null && return
    sleep 0.05
  done
  echo "$1 did not start" >&2; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null; }
