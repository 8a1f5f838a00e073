#!/usr/bin/env python3
"""Records a real etcd 3.4's v2 answers as fixtures for etcdj's compatibility suite.

Starts a FRESH etcd (its data dir removed first) on 127.0.0.1:23379/23380, waits until it has
finished its own start-up writes (member attributes published, cluster version decided), runs
every scenario of scenarios.py in order, writes one JSON file per scenario plus index.json, and
stops etcd. See README.md. python3 stdlib only.

With --follower the same scenarios go to a FOLLOWER of a fresh 3-member cluster instead: the
cluster cluster.py records (m1 m2 m3 on 24379-24384, m1 leading in term 2), every request sent
to m2, into etcd-fixtures/follower/ (index.json also describes the cluster, as the cluster
recording's does, so the replay can start the same one).
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from scenarios import scenarios  # noqa: E402
from steps import Runner  # noqa: E402

HOST = "127.0.0.1"
CLIENT_PORT = 23379
PEER_PORT = 23380
DATA_DIR = "/tmp/etcd-fixtures-ref"
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "http-api", "src", "test", "resources",
                                            "etcd-fixtures"))
FOLLOWER_OUT = os.path.join(DEFAULT_OUT, "follower")
AUTH_OUT = os.path.join(DEFAULT_OUT, "auth")
FOLLOWER = "m2"
# On a follower the append counts of /v2/stats/self depend on timing (how the leader batches its
# appends), and its recv rates are there only when an append came in the last second.
SELF_STATS_FOLLOWER_TIME = ["recvAppendRequestCnt", "sendAppendRequestCnt"]
SELF_STATS_RATES = ["recvPkgRate", "recvBandwidthRate", "sendPkgRate", "sendBandwidthRate"]
ETCD_ARGS = [
    "--name", "default", "--data-dir", DATA_DIR, "--enable-v2=true",
    "--listen-client-urls", "http://%s:%d" % (HOST, CLIENT_PORT),
    "--advertise-client-urls", "http://%s:%d" % (HOST, CLIENT_PORT),
    "--listen-peer-urls", "http://%s:%d" % (HOST, PEER_PORT),
    "--initial-advertise-peer-urls", "http://%s:%d" % (HOST, PEER_PORT),
    "--initial-cluster", "default=http://%s:%d" % (HOST, PEER_PORT),
    "--initial-cluster-token", "etcd-cluster",
]


def get_json(path):
    with urllib.request.urlopen("http://%s:%d%s" % (HOST, CLIENT_PORT, path), timeout=2) as r:
        return json.loads(r.read().decode("utf-8"))


def wait_until_settled(proc, deadline_s=30.0):
    """etcd writes to its v2 store by itself after start (publish attributes, set cluster
    version); recording must begin after those or the indexes would depend on timing."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit("etcd exited with %s; see %s.log" % (proc.returncode, DATA_DIR))
        try:
            version = get_json("/version")
            members = get_json("/v2/members")["members"]
            published = members and members[0].get("name") == "default" and members[0].get("clientURLs")
            if version.get("etcdcluster") not in (None, "not_decided") and published:
                return version
        except OSError:
            pass
        time.sleep(0.1)  # polling a child process start-up; not a test
    raise SystemExit("etcd did not settle within %.0fs" % deadline_s)


def start_etcd(etcd_bin):
    shutil.rmtree(DATA_DIR, ignore_errors=True)
    log = open(DATA_DIR + ".log", "w")
    proc = subprocess.Popen([etcd_bin] + ETCD_ARGS, stdout=log, stderr=subprocess.STDOUT)
    return proc, log


def stop_etcd(proc, log):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    log.close()


def record_scenarios(runner, out, only, on_follower, scenario_list=None):
    """Runs every scenario of scenario_list (scenarios.py's by default) in order through runner;
    returns the file names."""
    os.makedirs(out, exist_ok=True)
    index = []
    for order, sc in enumerate(scenario_list if scenario_list is not None else scenarios()):
        if only and sc["name"] != only:
            continue
        runner.results = {}
        steps = [runner.run(sc["name"], step) for step in sc["steps"]]
        runner.close_connections()
        if runner.watches:
            raise AssertionError("scenario %s left watches open: %s" % (sc["name"], list(runner.watches)))
        if on_follower:
            for step in steps:
                mark_follower_self_stats(step)
        file_name = "%02d-%s.json" % (order, sc["name"])
        fixture = {
            "scenario": sc["name"],
            "order": order,
            "description": sc["description"],
            "raftIndexVolatile": bool(sc.get("raftIndexVolatile")),
            "steps": steps,
        }
        with open(os.path.join(out, file_name), "w", encoding="utf-8") as f:
            json.dump(fixture, f, indent=1, ensure_ascii=False)
            f.write("\n")
        index.append(file_name)
        print("recorded %-28s %3d steps" % (sc["name"], len(steps)), flush=True)
    return index


def mark_follower_self_stats(step):
    head = step.get("request", {}).get("head", "")
    if not head.startswith("GET /v2/stats/self ") or step.get("response", {}).get("status") != 200:
        return
    td = step["timeDependent"]
    td["paths"] = td["paths"] + [p for p in SELF_STATS_FOLLOWER_TIME if p not in td["paths"]]
    td["presenceVaries"] = list(SELF_STATS_RATES)


def record_on_follower(args, etcd_version):
    import cluster
    root = os.path.join(cluster.DATA_ROOT, "follower")
    members = cluster.start_clean_cluster(args.etcd, root)
    try:
        version = cluster.get_json(FOLLOWER, "/version")
        out = args.out if args.out != DEFAULT_OUT else FOLLOWER_OUT
        index = record_scenarios(Runner(HOST, cluster.MEMBERS[FOLLOWER][0]), out, args.only, True)
        with open(os.path.join(out, "index.json"), "w", encoding="utf-8") as f:
            json.dump({
                "recordedWith": etcd_version.strip().splitlines(),
                "versionEndpoint": version,
                "target": FOLLOWER,
                "token": cluster.TOKEN,
                "clusterId": cluster.CLUSTER_ID,
                "members": [{"name": n, "id": cluster.MEMBER_IDS[n], "clientURL": cluster.client_url(n),
                             "peerURL": cluster.peer_url(n), "role": "leader" if n == "m1" else "follower",
                             "etcdArgs": cluster.member_args(n, os.path.join(root, n))}
                            for n in cluster.MEMBERS],
                "start": {"leader": "m1", "term": cluster.SETTLED_TERM, "raftIndex": cluster.SETTLED_RAFT_INDEX,
                          "etcdIndex": cluster.SETTLED_ETCD_INDEX,
                          "how": "as the cluster recording: all three started at once with fresh data, "
                                 "restarted afresh until m1 won the first election in term 2, settled "
                                 "(published, cluster version decided, same indexes everywhere); then "
                                 "every scenario was sent to " + FOLLOWER},
                "hostPlaceholder": "{{host}}",
                "recordedHost": "%s:%d" % (HOST, cluster.MEMBERS[FOLLOWER][0]),
                "scenarios": index,
            }, f, indent=1)
            f.write("\n")
    finally:
        members.stop_all()


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--etcd", default="/usr/bin/etcd")
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--only", help="record only the scenario with this name (indexes will differ)")
    ap.add_argument("--follower", action="store_true",
                    help="send every scenario to a follower of a fresh 3-member cluster (into "
                         "etcd-fixtures/follower/ unless --out says otherwise)")
    ap.add_argument("--serve-fresh", action="store_true",
                    help="record nothing: start a fresh settled etcd and keep it running until Enter "
                         "or end of stdin, to replay the fixtures against etcd itself")
    ap.add_argument("--auth", action="store_true",
                    help="record auth_scenarios.py (v2 auth enabled and disabled) on its own fresh etcd, "
                         "into etcd-fixtures/auth/ unless --out says otherwise")
    args = ap.parse_args()

    etcd_version = subprocess.run([args.etcd, "--version"], capture_output=True, text=True).stdout
    if args.follower:
        record_on_follower(args, etcd_version)
        return
    proc, log = start_etcd(args.etcd)
    try:
        version = wait_until_settled(proc)
        if args.serve_fresh:
            print("fresh etcd ready on %s:%d (pid %d); press Enter to stop" % (HOST, CLIENT_PORT, proc.pid),
                  flush=True)
            sys.stdin.readline()
            return
        out = args.out
        scenario_list = None
        if args.auth:
            import auth_scenarios
            out = args.out if args.out != DEFAULT_OUT else AUTH_OUT
            scenario_list = auth_scenarios.scenarios()
        index = record_scenarios(Runner(HOST, CLIENT_PORT), out, args.only, False, scenario_list)
        with open(os.path.join(out, "index.json"), "w", encoding="utf-8") as f:
            json.dump({
                "recordedWith": etcd_version.strip().splitlines(),
                "versionEndpoint": version,
                "etcdArgs": ETCD_ARGS,
                "hostPlaceholder": "{{host}}",
                "recordedHost": "%s:%d" % (HOST, CLIENT_PORT),
                "scenarios": index,
            }, f, indent=1)
            f.write("\n")
    finally:
        stop_etcd(proc, log)


if __name__ == "__main__":
    main()
