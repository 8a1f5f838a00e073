#!/usr/bin/env python3
"""Measures what the fixtures cannot pin down because it depends on timing: how often a plain
(non-quorum) GET on one member, sent right after another member acknowledged a PUT, still
sees the previous value. Starts a fresh 3-member etcd cluster (cluster.py's ports and names),
prints the counts, stops it. `python3 cluster_observe.py [--etcd PATH] [--n 500]`."""

import argparse
import http.client
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cluster import DATA_ROOT, MEMBERS, start_clean_cluster  # noqa: E402

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def stale_reads(writer_port, reader_port, key, n):
    w = http.client.HTTPConnection("127.0.0.1", writer_port, timeout=10)
    r = http.client.HTTPConnection("127.0.0.1", reader_port, timeout=10)
    stale = 0
    for i in range(n):
        w.request("PUT", "/v2/keys" + key, "value=%d" % i, FORM)
        w.getresponse().read()
        r.request("GET", "/v2/keys" + key)
        if json.loads(r.getresponse().read())["node"]["value"] != str(i):
            stale += 1
    return stale


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--etcd", default="/usr/bin/etcd")
    ap.add_argument("--n", type=int, default=500)
    args = ap.parse_args()
    cluster = start_clean_cluster(args.etcd, os.path.join(DATA_ROOT, "observe"), want_leader="m1")
    try:
        leader, follower = MEMBERS["m1"][0], MEMBERS["m2"][0]
        s = stale_reads(leader, follower, "/observe/a", args.n)
        print("GET on a follower right after the leader acknowledged a PUT: %d of %d saw the previous value"
              % (s, args.n))
        s = stale_reads(follower, leader, "/observe/b", args.n)
        print("GET on the leader right after a follower acknowledged a PUT: %d of %d saw the previous value"
              % (s, args.n))
        s = stale_reads(follower, follower, "/observe/c", args.n)
        print("GET on a follower right after the same follower acknowledged a PUT: %d of %d saw the previous value"
              % (s, args.n))
    finally:
        cluster.stop_all()


if __name__ == "__main__":
    main()
