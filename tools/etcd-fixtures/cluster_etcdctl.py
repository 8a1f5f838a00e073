"""Records what etcdctl (ETCDCTL_API=2) prints for the member commands and cluster-health on a
fresh 3-member etcd 3.4 cluster, and the join flow: `member add` -> start the new member with
`--initial-cluster-state existing` -> `member list` before and after; plus the ways a join
goes wrong. Called by cluster.py (after the HTTP fixtures, on a second fresh cluster). Writes
etcdctl.json. python3 stdlib only."""

import json
import os
import re
import signal
import subprocess
import time

from cluster import (DATA_ROOT, INITIAL_CLUSTER, MEMBER_IDS, MEMBERS, TOKEN, client_url, http_get, member_args,
                     peer_url, start_clean_cluster)

ALL = ",".join(client_url(n) for n in MEMBERS)
ENV = {"ETCDCTL_API": "2"}


class Recorder:
    def __init__(self, etcd, etcdctl, cluster):
        self.etcd = etcd
        self.etcdctl = etcdctl
        self.cluster = cluster
        self.commands = []
        self.variables = {}

    def ctl(self, *args, endpoints=ALL, note=None, timeout=60):
        argv = [self.etcdctl, "--endpoints", endpoints] + list(args)
        env = dict(os.environ)
        env.update(ENV)
        started = time.monotonic()
        p = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout)
        elapsed = (time.monotonic() - started) * 1000.0
        shown = "etcdctl --endpoints %s %s" % ("$ALL" if endpoints == ALL else endpoints, " ".join(args))
        rec = {"kind": "etcdctl", "display": self._placeholders(shown), "argv": argv[1:], "exit": p.returncode,
               "stdout": p.stdout, "stderr": p.stderr, "elapsedMs": round(elapsed, 1)}
        if note:
            rec["note"] = note
        self.commands.append(rec)
        print("  %-70s exit %d" % (rec["display"][:70], p.returncode), flush=True)
        return rec

    def event(self, what, detail="", **extra):
        rec = {"kind": "event", "what": what, "detail": detail}
        rec.update(extra)
        self.commands.append(rec)
        print("  * %s" % what, flush=True)
        return rec

    def _placeholders(self, text):
        for k, v in self.variables.items():
            text = text.replace(v, "{{%s}}" % k)
        return text

    def start_member(self, name, initial_cluster, state, fresh=True, token=TOKEN):
        proc = self.cluster.start(name, initial_cluster=initial_cluster, state=state, fresh=fresh, token=token)
        return proc, member_args(name, os.path.join(self.cluster.root, name), initial_cluster, state, token)

    def forget(self, name):
        """After its process ended by itself (or kill it): drop it from the cluster's books."""
        if self.cluster.alive(name):
            self.cluster.kill(name)
        elif name in self.cluster.procs:
            self.cluster.procs.pop(name)
            self.cluster.logs.pop(name).close()

    def wait_member(self, name, proc, deadline_s=30.0):
        """(healthy, ms): until the member answers /health true, or it exits, or the deadline."""
        started = time.monotonic()
        while time.monotonic() - started < deadline_s:
            if proc.poll() is not None:
                return False, (time.monotonic() - started) * 1000.0
            try:
                status, _, body = http_get(name, "/health", timeout=2)
                if status == 200 and '"true"' in body:
                    return True, (time.monotonic() - started) * 1000.0
            except OSError:
                pass
            time.sleep(0.05)  # polling a child process start-up
        return False, (time.monotonic() - started) * 1000.0

    def log_lines(self, name, pattern, limit=6):
        path = os.path.join(self.cluster.root, name + ".log")
        lines = [l.rstrip("\n") for l in open(path, encoding="utf-8", errors="replace")
                 if re.search(pattern, l)]
        return lines[:limit]


def added_id(stdout):
    m = re.search(r"Added member named \S+ with ID (\w+)", stdout)
    return m.group(1) if m else None


def record(etcd, etcdctl, out_path):
    print("etcdctl v2: a second fresh cluster", flush=True)
    cluster = start_clean_cluster(etcd, os.path.join(DATA_ROOT, "etcdctl"))
    time.sleep(6.0)  # strict reconfig check: connected to every peer for 5 s before a member add
    r = Recorder(etcd, etcdctl, cluster)
    try:
        # ---- listing and health on a healthy cluster
        r.ctl("member", "list")
        r.ctl("member", "list", endpoints=client_url("m2"))
        r.ctl("--no-sync", "member", "list", endpoints=client_url("m3"))
        r.ctl("cluster-health")
        r.ctl("member")
        # ---- member add: refused forms
        r.ctl("member", "add")
        r.ctl("member", "add", "m4")
        r.ctl("member", "add", "m4", "127.0.0.1:24386")
        r.ctl("member", "add", "m4", "http://127.0.0.1")
        r.ctl("member", "add", "m4", peer_url("m2"))
        # ---- member add, then the member is listed before it starts
        add = r.ctl("member", "add", "m4", peer_url("m4"))
        m4 = added_id(add["stdout"])
        if not m4:
            raise AssertionError("member add printed no id: %r" % add)
        r.variables["m4id"] = m4
        add["captures"] = {"m4id": m4}
        env = dict(re.findall(r'^(ETCD_\w+)="([^"]*)"$', add["stdout"], re.M))
        r.ctl("member", "list", note="the added member has not started yet")
        r.ctl("cluster-health", note="the added member has not started yet")
        r.ctl("member", "add", "m5", peer_url("m5"),
              note="a second add while the first added member has not started (strict reconfig check)")
        # ---- start the new member as member add said
        proc, args = r.start_member("m4", env["ETCD_INITIAL_CLUSTER"], env["ETCD_INITIAL_CLUSTER_STATE"])
        healthy, ms = r.wait_member("m4", proc)
        r.event("start m4 with the printed ETCD_* values", "etcd " + " ".join(args), elapsedMs=round(ms, 1),
                healthy=healthy, argv=args,
                logLines=r.log_lines("m4", r"added member|joined|published|existing|discovery|cluster ID"))
        if not healthy:
            raise AssertionError("m4 did not become healthy; see %s/m4.log" % cluster.root)
        time.sleep(1.0)  # let its attributes reach every member
        r.ctl("member", "list", note="after m4 started")
        r.ctl("member", "list", endpoints=client_url("m4"), note="asked of the new member")
        r.ctl("cluster-health", note="after m4 started")
        # ---- member update
        r.ctl("member", "update")
        r.ctl("member", "update", m4)
        r.ctl("member", "update", "zzz", peer_url("m4"))
        r.ctl("member", "update", "1234", "http://127.0.0.1:24396")
        r.ctl("member", "update", m4, peer_url("m2"))
        r.ctl("member", "update", m4, "127.0.0.1:24386")
        r.ctl("member", "update", m4, peer_url("m4"))
        # ---- member remove
        r.ctl("member", "remove")
        r.ctl("member", "remove", "zzz")
        r.ctl("member", "remove", "1234")
        r.ctl("member", "remove", "m2", note="a member's NAME instead of its id")
        started = time.monotonic()
        r.ctl("member", "remove", m4)
        try:
            code = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            code = None
        r.event("the removed member m4 exits by itself", "exit status %s" % code,
                elapsedMs=round((time.monotonic() - started) * 1000.0, 1), exitStatus=code,
                logLines=r.log_lines("m4", r"removed|stopped|skipped leadership"))
        r.forget("m4")
        r.ctl("member", "remove", m4, note="again")
        r.ctl("member", "list", note="after the remove")
        # ---- joins that go wrong
        # (a) started with "existing" but never added
        proc, args = r.start_member("m5", INITIAL_CLUSTER + ",m5=" + peer_url("m5"), "existing")
        healthy, ms = r.wait_member("m5", proc, deadline_s=15)
        r.event("start m5 with --initial-cluster-state existing, never added", "etcd " + " ".join(args),
                elapsedMs=round(ms, 1), healthy=healthy, exitStatus=proc.poll(),
                logLines=r.log_lines("m5", r'"level":"(fatal|error|warn)"|panic|mismatch|unequal|not found'))
        r.forget("m5")
        os.rename(os.path.join(cluster.root, "m5.log"), os.path.join(cluster.root, "m5-never-added.log"))
        # (b) added, but started with "new"
        add5 = r.ctl("member", "add", "m5", peer_url("m5"))
        m5 = added_id(add5["stdout"])
        r.variables["m5id"] = m5
        add5["captures"] = {"m5id": m5}
        env5 = dict(re.findall(r'^(ETCD_\w+)="([^"]*)"$', add5["stdout"], re.M))
        proc, args = r.start_member("m5", env5["ETCD_INITIAL_CLUSTER"], "new")
        healthy, ms = r.wait_member("m5", proc, deadline_s=8)
        r.event("start the added m5 with --initial-cluster-state new", "etcd " + " ".join(args),
                elapsedMs=round(ms, 1), healthy=healthy, exitStatus=proc.poll(),
                logLines=r.log_lines("m5", r"mismatch|cluster ID|\"level\":\"(fatal|error)\""))
        r.forget("m5")
        os.rename(os.path.join(cluster.root, "m5.log"), os.path.join(cluster.root, "m5-state-new.log"))
        r.ctl("member", "list", note="m5 added, started wrongly, killed")
        # (c) existing, but --initial-cluster lacks a member
        partial = ",".join("%s=%s" % (n, peer_url(n)) for n in ("m1", "m5"))
        proc, args = r.start_member("m5", partial, "existing")
        healthy, ms = r.wait_member("m5", proc, deadline_s=15)
        r.event("start the added m5 with existing but --initial-cluster naming only m1 and m5",
                "etcd " + " ".join(args), elapsedMs=round(ms, 1), healthy=healthy, exitStatus=proc.poll(),
                logLines=r.log_lines("m5", r'"level":"(fatal|error)"|unequal|mismatch'))
        r.forget("m5")
        os.rename(os.path.join(cluster.root, "m5.log"), os.path.join(cluster.root, "m5-partial.log"))
        # (d) as it should be (fresh data dir): joins; then removed
        proc, args = r.start_member("m5", env5["ETCD_INITIAL_CLUSTER"], "existing")
        healthy, ms = r.wait_member("m5", proc)
        r.event("start the added m5 with existing and the full --initial-cluster (fresh data dir)",
                "etcd " + " ".join(args), elapsedMs=round(ms, 1), healthy=healthy)
        time.sleep(1.0)
        r.ctl("member", "list")
        r.ctl("member", "remove", m5)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        r.forget("m5")
        # (e) does the joining member's --initial-cluster-token matter with "existing"?
        add6 = r.ctl("member", "add", "m6", peer_url("m6"))
        m6 = added_id(add6["stdout"])
        r.variables["m6id"] = m6
        add6["captures"] = {"m6id": m6}
        env6 = dict(re.findall(r'^(ETCD_\w+)="([^"]*)"$', add6["stdout"], re.M))
        proc, args = r.start_member("m6", env6["ETCD_INITIAL_CLUSTER"], "existing", token="some-other-token")
        healthy, ms = r.wait_member("m6", proc, deadline_s=15)
        r.event("start the added m6 with existing, the full --initial-cluster and --initial-cluster-token "
                "some-other-token", "etcd " + " ".join(args), elapsedMs=round(ms, 1), healthy=healthy,
                exitStatus=proc.poll(), logLines=r.log_lines("m6", r'"level":"(fatal|error)"| C \| |token|mismatch'))
        time.sleep(1.0)
        r.ctl("member", "list", note="m6 started with another token")
        r.ctl("member", "remove", m6)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        r.forget("m6")
        # (f) the NAME given to member add vs the joining member's --name
        add7 = r.ctl("member", "add", "added-as", peer_url("m7"))
        m7 = added_id(add7["stdout"])
        r.variables["m7id"] = m7
        add7["captures"] = {"m7id": m7}
        env7 = dict(re.findall(r'^(ETCD_\w+)="([^"]*)"$', add7["stdout"], re.M))
        ic7 = env7["ETCD_INITIAL_CLUSTER"].replace("added-as=", "m7=")
        proc, args = r.start_member("m7", ic7, "existing")
        healthy, ms = r.wait_member("m7", proc, deadline_s=15)
        r.event("start the member added as 'added-as' with --name m7 (and m7=<its peer URL> in --initial-cluster)",
                "etcd " + " ".join(args), elapsedMs=round(ms, 1), healthy=healthy, exitStatus=proc.poll(),
                logLines=r.log_lines("m7", r' C \| |published'))
        time.sleep(1.0)
        r.ctl("member", "list", note="added as 'added-as', started as m7")
        r.ctl("member", "remove", m7)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        r.forget("m7")
        # ---- cluster-health when members are down
        cluster.kill("m3", signal.SIGKILL)
        time.sleep(0.5)
        r.event("SIGKILL m3")
        r.ctl("cluster-health", note="m3 killed")
        r.ctl("member", "list", note="m3 killed")
        cluster.kill("m2", signal.SIGKILL)
        r.event("SIGKILL m2")
        time.sleep(3.0)  # m1 steps down (CheckQuorum) within about 2 election timeouts
        r.ctl("cluster-health", note="m2 and m3 killed, m1 without leader")
        r.ctl("member", "list", note="m2 and m3 killed, m1 without leader")
        r.ctl("member", "list", endpoints=client_url("m2"), note="only a dead endpoint")
    finally:
        cluster.stop_all()
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"description": "etcdctl 3.4.23 with ETCDCTL_API=2 against a fresh 3-member etcd 3.4 cluster "
                                  "(m1 leader; $ALL = %s); commands in the order run, each on the state the "
                                  "previous ones left; events are what the recorder did in between." % ALL,
                   "env": ENV, "all": ALL, "memberIds": MEMBER_IDS, "variables": r.variables,
                   "commands": r.commands}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("recorded etcdctl.json: %d entries" % len(r.commands), flush=True)
