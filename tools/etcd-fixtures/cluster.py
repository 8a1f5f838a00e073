#!/usr/bin/env python3
"""Records what a real 3-member etcd 3.4 cluster answers, as fixtures for etcdj's clusters.

Starts a FRESH 3-member etcd cluster on loopback (names m1 m2 m3, token etcd-cluster, fixed
ports, so member and cluster ids are deterministic), retries until m1 won the first election in
term 2 (so every index and term is deterministic), waits until the cluster has settled, runs
every scenario of cluster_scenarios.py in order (each step sent to a named member), writes one
JSON file per scenario plus index.json into http-api/src/test/resources/etcd-fixtures/cluster/,
then records etcdctl v2's member commands and the join flow on a second fresh cluster into
etcdctl.json there. See CLUSTER.md. python3 stdlib only.
"""

import argparse
import hashlib
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from steps import Runner  # noqa: E402

HOST = "127.0.0.1"
TOKEN = "etcd-cluster"
# name -> (client port, peer port)
MEMBERS = {"m1": (24379, 24380), "m2": (24381, 24382), "m3": (24383, 24384)}
# members that are added at run time (never or later started): name -> (client port, peer port)
SPARE = {"m4": (24385, 24386), "m5": (24387, 24388), "m6": (24389, 24390), "m7": (24391, 24392)}
DATA_ROOT = "/tmp/etcd-cluster-fixtures"
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "http-api", "src", "test", "resources",
                                            "etcd-fixtures", "cluster"))
# What the cluster reports once it has settled after a clean first election (checked).
SETTLED_RAFT_INDEX = 8  # 3 conf changes (term 1), leader's empty entry, 3 attribute publishes, cluster version
SETTLED_ETCD_INDEX = 7  # 3 member adds, 3 attribute publishes, cluster version (all under /0)
SETTLED_TERM = 2
# etcd refuses a member add (strict reconfig check) unless the member that is asked has been
# connected to every voting member for 5 s (etcdserver.HealthInterval).
RECONFIG_QUIET_S = 6.0


def url(port):
    return "http://%s:%d" % (HOST, port)


def peer_url(name):
    return url((MEMBERS.get(name) or SPARE[name])[1])


def client_url(name):
    return url((MEMBERS.get(name) or SPARE[name])[0])


def go_id(data):
    """etcd's id: the first 8 bytes of a SHA-1, big-endian, printed as Go's %x (no zero padding)."""
    return "%x" % struct.unpack(">Q", hashlib.sha1(data).digest()[:8])[0]


def member_id(peer_urls, cluster_token, unix_seconds=None):
    """membership.NewMember: sha1(sorted peer URLs joined + token [+ unix seconds])."""
    b = "".join(sorted(peer_urls)) + cluster_token + ("" if unix_seconds is None else str(unix_seconds))
    return go_id(b.encode("utf-8"))


def cluster_id(member_ids_hex):
    ids = sorted(int(i, 16) for i in member_ids_hex)
    return go_id(b"".join(struct.pack(">Q", i) for i in ids))


MEMBER_IDS = {n: member_id([peer_url(n)], TOKEN) for n in MEMBERS}
CLUSTER_ID = cluster_id(MEMBER_IDS.values())
INITIAL_CLUSTER = ",".join("%s=%s" % (n, peer_url(n)) for n in MEMBERS)


def member_args(name, data_dir, initial_cluster=INITIAL_CLUSTER, state="new", token=TOKEN):
    return ["--name", name, "--data-dir", data_dir, "--enable-v2=true",
            "--listen-client-urls", client_url(name), "--advertise-client-urls", client_url(name),
            "--listen-peer-urls", peer_url(name), "--initial-advertise-peer-urls", peer_url(name),
            "--initial-cluster", initial_cluster, "--initial-cluster-state", state,
            "--initial-cluster-token", token]


# ---- plain HTTP for polling (never through raft: no /health, no quorum reads) ---------------

def http_get(name_or_url, path, timeout=2.0):
    """(status, headers dict lower-cased, body text); raises OSError if nothing answers."""
    base = name_or_url if name_or_url.startswith("http") else client_url(name_or_url)
    req = urllib.request.Request(base + path)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read().decode("utf-8")


def get_json(name, path):
    return json.loads(http_get(name, path)[2])


def answers(port):
    try:
        http_get(url(port), "/version", timeout=0.5)
        return True
    except OSError:
        return False


# ---- the cluster's processes --------------------------------------------------------------------

class Cluster:
    """The etcd processes of one recording. Owned by the recorder's single thread."""

    def __init__(self, etcd_bin, root):
        self.etcd = etcd_bin
        self.root = root
        self.procs = {}  # name -> Popen
        self.logs = {}
        self.args = {}

    def start(self, name, initial_cluster=INITIAL_CLUSTER, state="new", fresh=True, token=TOKEN):
        data_dir = os.path.join(self.root, name)
        if fresh:
            shutil.rmtree(data_dir, ignore_errors=True)
        os.makedirs(self.root, exist_ok=True)
        args = member_args(name, data_dir, initial_cluster, state, token)
        log = open(os.path.join(self.root, name + ".log"), "a")
        self.procs[name] = subprocess.Popen([self.etcd] + args, stdout=log, stderr=subprocess.STDOUT)
        self.logs[name] = log
        self.args[name] = args
        return self.procs[name]

    def kill(self, name, sig=signal.SIGKILL):
        proc = self.procs.pop(name)
        proc.send_signal(sig)
        proc.wait()
        self.logs.pop(name).close()
        return proc.returncode

    def alive(self, name):
        return name in self.procs and self.procs[name].poll() is None

    def stop_all(self):
        for name in list(self.procs):
            proc = self.procs[name]
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for name in list(self.procs):
            proc = self.procs.pop(name)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            self.logs.pop(name).close()


def wait_settled(cluster, names, deadline_s=30.0):
    """Until every member answers, all published their attributes, the cluster version is
    decided and all report the same indexes. Returns (leader name, term, raft index, etcd index)."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        for n in names:
            if not cluster.alive(n):
                raise SystemExit("etcd %s exited; see %s/%s.log" % (n, cluster.root, n))
        try:
            ok = True
            heads = {}
            leader = None
            for n in names:
                version = get_json(n, "/version")
                members = get_json(n, "/v2/members")["members"]
                published = len(members) == len(names) and all(m["name"] and m["clientURLs"] for m in members)
                if version.get("etcdcluster") in (None, "not_decided") or not published:
                    ok = False
                    break
                status, headers, _ = http_get(n, "/v2/keys/")
                heads[n] = (int(headers["x-raft-term"]), int(headers["x-raft-index"]), int(headers["x-etcd-index"]))
                if get_json(n, "/v2/stats/self")["state"] == "StateLeader":
                    leader = n
            if ok and leader and len(set(heads.values())) == 1:
                term, raft_index, etcd_index = heads[names[0]]
                return leader, term, raft_index, etcd_index
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.05)  # polling child processes' start-up; not a test
    raise SystemExit("the cluster did not settle within %.0fs" % deadline_s)


def start_clean_cluster(etcd_bin, root, want_leader="m1", attempts=20):
    """A fresh cluster whose first election m1 won in term 2 with nothing else in the log, so
    that every recorded index and term is deterministic. Retries with fresh data otherwise."""
    for port in [p for ports in list(MEMBERS.values()) + list(SPARE.values()) for p in ports]:
        if answers(port):
            raise SystemExit("something already answers on port %d: stop it first" % port)
    for attempt in range(1, attempts + 1):
        shutil.rmtree(root, ignore_errors=True)
        cluster = Cluster(etcd_bin, root)
        for n in MEMBERS:
            cluster.start(n)
        leader, term, raft_index, etcd_index = wait_settled(cluster, list(MEMBERS))
        clean = (term, raft_index, etcd_index) == (SETTLED_TERM, SETTLED_RAFT_INDEX, SETTLED_ETCD_INDEX)
        if clean and (want_leader is None or leader == want_leader):
            print("cluster ready after %d start(s): leader %s, term %d, raft index %d, etcd index %d"
                  % (attempt, leader, term, raft_index, etcd_index), flush=True)
            return cluster
        print("start %d: leader %s term %d raft index %d etcd index %d; starting afresh"
              % (attempt, leader, term, raft_index, etcd_index), flush=True)
        cluster.stop_all()
    raise SystemExit("no clean start with leader %s in %d attempts" % (want_leader, attempts))


# ---- running cluster scenarios --------------------------------------------------------------

class MemberRunner(Runner):
    """steps.Runner against one member; {{var}} placeholders in a request head (ids captured
    from earlier answers) are replaced when sent and kept in the recorded head."""

    def __init__(self, host, port, variables):
        super().__init__(host, port)
        self.variables = variables

    def _send(self, conn, head, body_bytes):
        for k, v in self.variables.items():
            head = head.replace("{{%s}}" % k, v)
        super()._send(conn, head, body_bytes)


def leaf_paths(value, prefix):
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            out += leaf_paths(v, prefix + "." + k)
        return out
    return [prefix]


def json_at(value, path):
    for part in path.split("."):
        value = value[part]
    return value


class ClusterRunner:
    """Runs cluster scenario steps: each exchange/watch step on its "member"; plus the
    cluster-level kinds settle, kill and awaitNoLeader. Single-threaded."""

    def __init__(self, cluster):
        self.cluster = cluster
        self.variables = {}  # var -> recorded value (ids captured from answers)
        self.runners = {n: MemberRunner(HOST, MEMBERS[n][0], self.variables) for n in MEMBERS}
        # "<name>:peer" sends to the member's peer URL (etcd's peer API: /members, /version, /raft/...)
        self.runners.update({n + ":peer": MemberRunner(HOST, MEMBERS[n][1], self.variables) for n in MEMBERS})
        self.roles = {"m1": "leader", "m2": "follower", "m3": "follower"}
        self.watch_owner = {}
        self.kill_time = None
        self.captures = []

    def new_scenario(self):
        shared = {}
        for r in self.runners.values():
            r.results = shared

    def close_connections(self):
        for r in self.runners.values():
            r.close_connections()
        open_watches = [w for r in self.runners.values() for w in r.watches]
        if open_watches:
            raise AssertionError("scenario left watches open: %s" % open_watches)

    def run(self, step):
        kind = step["kind"]
        if kind == "settle":
            return self._settle(step)
        if kind == "kill":
            return self._kill(step)
        if kind == "awaitNoLeader":
            return self._await_no_leader(step)
        if kind in ("watchEvent", "watchClose"):
            member = self.watch_owner[step["watch"]]
        else:
            member = step["member"]
        if kind == "watchOpen":
            self.watch_owner[step["watch"]] = member
        started = time.monotonic()
        started_wall = time.time()
        rec = dict(self.runners[member].run("cluster", step))
        elapsed_ms = round((time.monotonic() - started) * 1000.0, 1)
        out = {"kind": rec.pop("kind"), "name": rec.pop("name"), "member": member,
               "role": self.roles[member.split(":")[0]]}
        out.update(rec)
        out["elapsedMs"] = elapsed_ms
        if step.get("transitional"):
            out["transitional"] = step["transitional"]
        td = out.get("timeDependent")
        if td is not None:
            td["headers"] = td["headers"] + [h for h in step.get("time_headers", ()) if h not in td["headers"]]
            js = out.get("response", {}).get("json")
            for root in step.get("time_leaves", ()):
                if js is not None and root in js:
                    td["paths"] = td["paths"] + leaf_paths(js[root], root)
            if step.get("presence_varies"):
                td["presenceVaries"] = list(step["presence_varies"])
            td["paths"] = [self._placeholders(p) for p in td["paths"]]
        if step.get("capture"):
            var, path = step["capture"]
            value = json_at(out["response"]["json"], path)
            self.variables[var] = value
            cap = {"var": var, "from": "response.json." + path, "recorded": value}
            if step.get("derive_member_id"):
                cap["idDerivation"] = self._derive_added_id(value, step, started_wall)
            out["capture"] = cap
            self.captures.append(cap)
        js = out.get("response", {}).get("json")
        if isinstance(js, dict) and isinstance(js.get("members"), list):
            # etcd lists members sorted by numeric id; an added member's id depends on the clock,
            # so where it lands in the list does too
            out["membersSortedById"] = True
        if step.get("note"):
            out["note"] = step["note"]
        return out

    def _placeholders(self, text):
        for k, v in self.variables.items():
            text = text.replace(v, "{{%s}}" % k)
        return text

    @staticmethod
    def _derive_added_id(value, step, started_wall):
        """POST /v2/members names the new member sha1(sorted peerURLs + "" + now.Unix()): find
        the second that gives the id etcd answered, to show the rule (and that it holds)."""
        peer_urls = json.loads(step["body"])["peerURLs"]
        for t in range(int(started_wall) - 2, int(time.time()) + 3):
            if member_id(peer_urls, "", t) == value:
                return {"rule": "first 8 bytes (big-endian) of sha1(sorted peerURLs concatenated + "
                                "decimal Unix seconds of the server clock when the POST is handled), "
                                "as %x; the cluster token is NOT part of it",
                        "peerURLs": peer_urls, "unixSeconds": t, "verified": True}
        raise AssertionError("added member id %s does not follow sha1(peerURLs+unix seconds)" % value)

    def _settle(self, step):
        """Until every live member reports the same X-Raft-Index and X-Etcd-Index on a plain GET
        (which does not go through raft), i.e. followers applied what the leader committed."""
        names = [n for n in MEMBERS if self.cluster.alive(n)]
        started = time.monotonic()
        while True:
            seen = {}
            for n in names:
                _, headers, _ = http_get(n, "/v2/keys/")
                seen[n] = (int(headers["x-raft-index"]), int(headers["x-etcd-index"]))
            if len(set(seen.values())) == 1:
                raft_index, etcd_index = seen[names[0]]
                return {"kind": "settle", "name": step["name"], "members": names,
                        "raftIndex": raft_index, "etcdIndex": etcd_index,
                        "elapsedMs": round((time.monotonic() - started) * 1000.0, 1)}
            if time.monotonic() - started > 10:
                raise AssertionError("members did not converge: %s" % seen)
            time.sleep(0.02)  # waiting for followers to apply; the recorder's own poll

    def _kill(self, step):
        for n in step["members"]:
            self.cluster.kill(n, signal.SIGKILL)
            self.roles[n] = "killed"
        self.kill_time = time.monotonic()
        for n in MEMBERS:
            if self.roles[n] == "leader":
                self.roles[n] = "leader-without-quorum"
        return {"kind": "kill", "name": step["name"], "members": step["members"], "signal": "SIGKILL"}

    def _await_no_leader(self, step):
        """Polls GET /v2/members/leader (answered locally) until the member says 503."""
        n = step["member"]
        while True:
            status, _, _ = http_get(n, "/v2/members/leader")
            if status == 503:
                break
            if time.monotonic() - self.kill_time > 30:
                raise AssertionError("%s still reports a leader 30 s after the kill" % n)
            time.sleep(0.01)  # the recorder's own poll
        self.roles[n] = "no-leader"
        return {"kind": "awaitNoLeader", "name": step["name"], "member": n,
                "msSinceKill": round((time.monotonic() - self.kill_time) * 1000.0, 1),
                "how": "GET /v2/members/leader every 10 ms until it answers 503"}


def record_fixtures(etcd_bin, out_dir):
    from cluster_scenarios import scenarios
    cluster = start_clean_cluster(etcd_bin, os.path.join(DATA_ROOT, "fixtures"))
    try:
        for n in MEMBERS:
            got = get_json(n, "/v2/stats/self")["id"]
            if got != MEMBER_IDS[n]:
                raise AssertionError("member id of %s is %s, computed %s" % (n, got, MEMBER_IDS[n]))
        version = get_json("m1", "/version")
        time.sleep(RECONFIG_QUIET_S)  # strict reconfig check: connected to all peers for 5 s
        runner = ClusterRunner(cluster)
        os.makedirs(out_dir, exist_ok=True)
        index = []
        for order, sc in enumerate(scenarios()):
            runner.new_scenario()
            steps = [runner.run(step) for step in sc["steps"]]
            runner.close_connections()
            file_name = "%02d-%s.json" % (order, sc["name"])
            fixture = {"scenario": sc["name"], "order": order, "description": sc["description"],
                       "raftIndexVolatile": bool(sc.get("raftIndexVolatile")), "steps": steps}
            if sc.get("notes"):
                fixture["notes"] = sc["notes"]
            with open(os.path.join(out_dir, file_name), "w", encoding="utf-8") as f:
                json.dump(fixture, f, indent=1, ensure_ascii=False)
                f.write("\n")
            index.append(file_name)
            print("recorded %-28s %3d steps" % (sc["name"], len(steps)), flush=True)
        return version, index, runner.captures
    finally:
        cluster.stop_all()


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--etcd", default="/usr/bin/etcd")
    ap.add_argument("--etcdctl", default="/usr/bin/etcdctl")
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--skip-etcdctl", action="store_true", help="record the HTTP fixtures only")
    ap.add_argument("--only-etcdctl", action="store_true", help="record etcdctl.json only")
    args = ap.parse_args()
    etcd_version = subprocess.run([args.etcd, "--version"], capture_output=True, text=True).stdout
    if not args.only_etcdctl:
        version, index, captures = record_fixtures(args.etcd, args.out)
        with open(os.path.join(args.out, "index.json"), "w", encoding="utf-8") as f:
            json.dump({
                "recordedWith": etcd_version.strip().splitlines(),
                "versionEndpoint": version,
                "token": TOKEN,
                "clusterId": CLUSTER_ID,
                "members": [{"name": n, "id": MEMBER_IDS[n], "clientURL": client_url(n), "peerURL": peer_url(n),
                             "role": "leader" if n == "m1" else "follower",
                             "etcdArgs": member_args(n, os.path.join(DATA_ROOT, "fixtures", n))}
                            for n in MEMBERS],
                "start": {"leader": "m1", "term": SETTLED_TERM, "raftIndex": SETTLED_RAFT_INDEX,
                          "etcdIndex": SETTLED_ETCD_INDEX,
                          "how": "all three started at once with fresh data; restarted afresh until m1 won the "
                                 "first election in term 2; then waited until every member published its "
                                 "attributes, the cluster version was decided and all members reported the "
                                 "same indexes, then %.0f s more (etcd's strict reconfiguration check wants "
                                 "5 s of connectivity to every peer before a member add)" % RECONFIG_QUIET_S},
                "hostPlaceholder": "{{host}}",
                "hostIs": "the client URL host:port of the step's member; for a member named <name>:peer, "
                          "that member's peer URL host:port",
                "variables": captures,
                "scenarios": index,
            }, f, indent=1)
            f.write("\n")
    if not args.skip_etcdctl:
        import cluster_etcdctl
        cluster_etcdctl.record(args.etcd, args.etcdctl, os.path.join(args.out, "etcdctl.json"))


if __name__ == "__main__":
    main()
