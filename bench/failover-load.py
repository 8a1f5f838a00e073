#!/usr/bin/env python3
"""The write load and the bookkeeping of bench/failover.sh. python3 standard library only; speaks
only v2 HTTP, so it loads etcd 3.4 and etcdj alike.

  failover-load.py run --urls U1,U2,U3 --log ACKS [--rate 400] [--timeout 3] [--max-in-flight 4000]
      Until SIGTERM/SIGINT: open loop, one new write every 1/RATE s, whatever became of the
      earlier ones: PUT of a new key /v2/keys/failover/w<seq> (form body value=<seq>), to the
      members in round robin, on an idle keep-alive connection to that member or a new one. A
      refused/reset/non-2xx write, or one unanswered after TIMEOUT s, is not acknowledged.
      Every acknowledged write is logged to ACKS as "<send wall time> <ack wall time> <key>
      <member client port>" (Unix seconds, flushed every 20 ms). A gap measured from it is
      resolved to about 1/RATE s times the number of members: nothing waits for anything.
  failover-load.py gap --log ACKS --since T [--sent-after T2] [--wait 60]
      Seconds from wall time T (the kill signal) to the acknowledgement of the first write SENT
      at or after T2 (default T; failover.sh passes the time the killed process was reaped, so
      no write the old leader could still commit counts: SIGKILL is not instantaneous on a busy
      machine). Waits for one.
  failover-load.py maxgap --log ACKS --from T1 --to T2
      The longest time between two consecutive acknowledgements (by acknowledgement time) in
      [T1, T2], the window's ends counting as acknowledgements: how long clients saw nothing
      succeed. Resolved to about 1/RATE s.
  failover-load.py verify --urls U1,U2,U3 --log ACKS
      One linearizable read of everything written (GET /v2/keys/failover?recursive=true&quorum=true
      on the first member that answers) and a check that every acknowledged write is there with
      its value. Prints "lost acknowledged writes: N"; exit status 1 if N > 0.
"""

import argparse
import asyncio
import http.client
import json
import signal
import sys
import time
import urllib.parse

PREFIX = "/failover"
HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}


def parse_urls(text):
    out = []
    for u in text.split(","):
        p = urllib.parse.urlparse(u.strip())
        out.append((p.hostname, p.port or 80))
    return out


class Load:
    """An open-loop writer on one asyncio loop: a new write every 1/RATE s whatever happened to
    the earlier ones, each on an idle keep-alive connection to its member or a new one, so no
    write waits for another (a closed loop would have every worker stuck in a request nobody
    commits during an election, all timing out together, which quantises the gap)."""

    def __init__(self, urls, timeout, rate, max_in_flight, log_path):
        self.urls = urls
        self.timeout = timeout
        self.interval = 1.0 / rate
        self.max_in_flight = max_in_flight
        self.idle = {u: [] for u in urls}
        self.pending = []
        self.sent = 0
        self.acked = 0
        self.failed = {}
        self.in_flight = 0
        self.log = open(log_path, "a", buffering=1 << 16)

    def fail(self, why):
        self.failed[why] = self.failed.get(why, 0) + 1

    async def write(self, target, key, body):
        self.in_flight += 1
        sent_at = time.time()
        conn = self.idle[target].pop() if self.idle[target] else None
        try:
            if conn is None:
                conn = await asyncio.wait_for(asyncio.open_connection(target[0], target[1]), self.timeout)
            reader, writer = conn
            writer.write(("PUT /v2/keys%s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/x-www-form-urlencoded"
                          "\r\nContent-Length: %d\r\n\r\n%s" % (key, target[0], target[1], len(body), body)).encode())
            status, keep = await asyncio.wait_for(read_response(reader), self.timeout)
            if 200 <= status < 300:
                self.acked += 1
                self.pending.append("%.6f %.6f %s %d\n" % (sent_at, time.time(), key, target[1]))
            else:
                self.fail(str(status))
            if keep:
                self.idle[target].append(conn)
            else:
                writer.close()
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as e:
            self.fail(type(e).__name__)
            if conn is not None:
                conn[1].close()
        finally:
            self.in_flight -= 1

    def flush(self):
        lines, self.pending = self.pending, []
        if lines:
            self.log.write("".join(lines))
            self.log.flush()


async def read_response(reader):
    """(status, keep-alive) of one HTTP/1.1 answer; its body is read and dropped."""
    status_line = await reader.readline()
    if not status_line:
        raise asyncio.IncompleteReadError(b"", None)
    status = int(status_line.split(b" ", 2)[1])
    length, chunked, keep = 0, False, True
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value:
            chunked = True
        elif name == "connection" and value == "close":
            keep = False
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status, keep


async def run_async(args, stop):
    load = Load(parse_urls(args.urls), args.timeout, args.rate, args.max_in_flight, args.log)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    started = time.monotonic()
    next_send = loop.time()
    last_flush = loop.time()
    tasks = set()
    seq = 0
    while not stop.is_set():
        now = loop.time()
        if next_send > now:
            await asyncio.sleep(next_send - now)
        next_send = max(next_send + load.interval, loop.time() - 1.0)
        if loop.time() - last_flush >= 0.02:
            load.flush()
            last_flush = loop.time()
        target = load.urls[seq % len(load.urls)]
        key = "%s/w%d" % (PREFIX, seq)
        body = "value=%d" % seq
        seq += 1
        load.sent += 1
        if load.in_flight >= load.max_in_flight:
            load.fail("skipped, %d in flight" % load.max_in_flight)
            continue
        t = asyncio.ensure_future(load.write(target, key, body))
        tasks.add(t)
        t.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.wait(list(tasks), timeout=args.timeout + 1)
    load.flush()
    load.log.close()
    elapsed = time.monotonic() - started
    print("load: %.1f s, %d writes sent, %d acknowledged (%.0f/s), not acknowledged: %s"
          % (elapsed, load.sent, load.acked, load.acked / elapsed if elapsed else 0,
             ", ".join("%s %d" % kv for kv in sorted(load.failed.items())) or "0"), flush=True)


def run(args):
    stop = asyncio.Event()
    asyncio.run(run_async(args, stop))


def gap(args):
    since = float(args.since)
    sent_after = float(args.sent_after) if args.sent_after else since
    deadline = time.monotonic() + args.wait
    offset = 0
    partial = ""
    while True:
        with open(args.log) as f:
            f.seek(offset)
            chunk = f.read()
            offset = f.tell()
        lines = (partial + chunk).split("\n")
        partial = lines.pop()
        for line in lines:
            sent_at, acked_at, _ = line.split(" ", 2)
            if float(sent_at) >= sent_after:
                print("%.3f" % (float(acked_at) - since))
                return 0
        if time.monotonic() > deadline:
            print("none within %.0f s" % args.wait, file=sys.stderr)
            return 1
        time.sleep(0.02)


def maxgap(args):
    start, end = float(args.__dict__["from"]), float(args.to)
    times = [start, end]
    with open(args.log) as f:
        for line in f:
            if not line.endswith("\n"):
                break  # the load is still writing this line
            acked_at = float(line.split(" ", 2)[1])
            if start <= acked_at <= end:
                times.append(acked_at)
    times.sort()
    print("%.3f" % max(b - a for a, b in zip(times, times[1:])))
    return 0


def collect(node, out):
    for child in node.get("nodes", []):
        if child.get("dir"):
            collect(child, out)
        else:
            out[child["key"]] = child.get("value")


def verify(args):
    acked = {}
    with open(args.log) as f:
        for line in f:
            key = line.split()[2]
            acked[key] = key.rsplit("/w", 1)[1]
    body = None
    for host, port in parse_urls(args.urls):
        try:
            conn = http.client.HTTPConnection(host, port, timeout=60)
            conn.request("GET", "/v2/keys%s?recursive=true&quorum=true" % PREFIX)
            resp = conn.getresponse()
            data = resp.read()
            conn.close()
            if resp.status == 200:
                body = json.loads(data)
                print("verify: quorum GET %s?recursive=true&quorum=true on %s:%d: %d bytes"
                      % (PREFIX, host, port, len(data)))
                break
            print("verify: %s:%d answered %d" % (host, port, resp.status), file=sys.stderr)
        except (OSError, http.client.HTTPException, ValueError) as e:
            print("verify: %s:%d: %s" % (host, port, e), file=sys.stderr)
    if body is None:
        print("verify: no member answered the quorum read")
        return 2
    stored = {}
    collect(body["node"], stored)
    lost = [k for k, v in acked.items() if stored.get(k) != v]
    extra = len(set(stored) - set(acked))
    print("acknowledged writes: %d; stored keys: %d (%d written but never acknowledged)"
          % (len(acked), len(stored), extra))
    for k in lost[:10]:
        print("  lost: %s (stored value %r)" % (k, stored.get(k)))
    print("lost acknowledged writes: %d" % len(lost))
    return 1 if lost else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--urls", required=True)
    r.add_argument("--log", required=True)
    r.add_argument("--rate", type=float, default=400.0)
    r.add_argument("--timeout", type=float, default=3.0)
    r.add_argument("--max-in-flight", type=int, default=4000)
    g = sub.add_parser("gap")
    g.add_argument("--log", required=True)
    g.add_argument("--since", required=True)
    g.add_argument("--sent-after")
    g.add_argument("--wait", type=float, default=60.0)
    m = sub.add_parser("maxgap")
    m.add_argument("--log", required=True)
    m.add_argument("--from", required=True)
    m.add_argument("--to", required=True)
    v = sub.add_parser("verify")
    v.add_argument("--urls", required=True)
    v.add_argument("--log", required=True)
    args = ap.parse_args()
    if args.cmd == "run":
        run(args)
        return 0
    if args.cmd == "maxgap":
        return maxgap(args)
    return gap(args) if args.cmd == "gap" else verify(args)


if __name__ == "__main__":
    sys.exit(main())
