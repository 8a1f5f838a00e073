"""The scenarios recorded against a 3-member etcd 3.4 cluster, in the order they run.

They run one after another on ONE fresh cluster (m1 leader, m2 and m3 followers; see
cluster.py), so every index is deterministic. Every HTTP step names the member it is sent to
("member"); the recorder adds the member's role at that moment. Cluster-level steps:
  settle         wait until every live member reports the same X-Raft-Index and X-Etcd-Index
                 on a plain GET /v2/keys/ (followers applied what the leader committed)
  kill           SIGKILL the listed members
  awaitNoLeader  poll GET /v2/members/leader on the member until it answers 503
Steps may add to the recorded "timeDependent": time_paths (dotted paths), time_leaves (every
leaf under a top-level object, e.g. the followers of /v2/stats/leader), presence_varies
(fields etcd omits when zero), time_headers.
A step's "capture" = (var, json path) keeps a value of its answer (an added member's id) as
{{var}}, usable in later request targets. The last scenario kills two members: nothing can
follow it.
"""

from cluster import MEMBER_IDS, peer_url
from scenarios import SELF_STATS_TIME, STORE_STATS_COUNTERS
from steps import FORM, WCLOSE, WEVENT, WOPEN, X

K = "/v2/keys"
JSON_CT = "application/json"
M1, M2, M3 = MEMBER_IDS["m1"], MEMBER_IDS["m2"], MEMBER_IDS["m3"]
# counters that move with heartbeats and batching, and rates that etcd omits when zero
SELF_TIME = SELF_STATS_TIME + ["recvAppendRequestCnt", "sendAppendRequestCnt"]
SELF_OPTIONAL = ["recvPkgRate", "recvBandwidthRate", "sendPkgRate", "sendBandwidthRate"]


def on(member, step, **extra):
    step = dict(step)
    step["member"] = member
    step.update(extra)
    return step


def J(member, name, method, target, body, **extra):
    return on(member, X(name, method, target, body=body, ctype=JSON_CT), **extra)


def G(member, name, target, **extra):
    return on(member, X(name, "GET", target), **extra)


def SELF(member, name):
    return on(member, X(name, "GET", "/v2/stats/self", time_paths=SELF_TIME), presence_varies=SELF_OPTIONAL)


def LEADER_STATS(member, name):
    return on(member, X(name, "GET", "/v2/stats/leader"), time_leaves=["followers"])


def STORE(member, name):
    return on(member, X(name, "GET", "/v2/stats/store", time_paths=STORE_STATS_COUNTERS))


def SETTLE(name):
    return dict(kind="settle", name=name)


def peers(*urls):
    return '{"peerURLs":[%s]}' % ",".join('"%s"' % u for u in urls)


def node_index(results, step, field="modifiedIndex"):
    return results[step]["response"]["json"]["node"][field]


NEW4 = "http://127.0.0.1:24386"  # never started: added, updated, removed
NEW4B = "http://127.0.0.1:24390"  # what the added member's peer URL is updated to
NEW5 = "http://127.0.0.1:24388"  # the second add (refused while an added member never started)
NEW6 = "http://127.0.0.1:24392"  # added through a follower
NEW7 = "http://127.0.0.1:24394"  # added by a POST to /v2/members/<id>


def scenarios():
    return [
        dict(name="cluster-initial-state",
             description="A settled fresh 3-member cluster seen from the leader and from followers",
             steps=[
                 G("m1", "keys-root-leader", K + "/"),
                 G("m2", "keys-root-follower-m2", K + "/"),
                 G("m3", "keys-root-follower-m3", K + "/"),
                 G("m1", "version-leader", "/version"),
                 G("m2", "version-follower", "/version"),
                 G("m1", "machines-leader", "/v2/machines"),
                 G("m2", "machines-follower", "/v2/machines"),
                 G("m1", "members-leader", "/v2/members"),
                 G("m2", "members-follower", "/v2/members"),
                 G("m3", "members-follower-m3", "/v2/members"),
                 G("m1", "members-slash-leader", "/v2/members/"),
                 G("m1", "members-leader-on-leader", "/v2/members/leader"),
                 G("m2", "members-leader-on-follower", "/v2/members/leader"),
                 G("m3", "members-leader-on-follower-m3", "/v2/members/leader"),
                 SELF("m1", "stats-self-leader"),
                 SELF("m2", "stats-self-follower"),
                 SELF("m3", "stats-self-follower-m3"),
                 LEADER_STATS("m1", "stats-leader-on-leader"),
                 LEADER_STATS("m2", "stats-leader-on-follower"),
                 LEADER_STATS("m3", "stats-leader-on-follower-m3"),
                 STORE("m1", "stats-store-leader"),
                 STORE("m2", "stats-store-follower"),
                 # /health proposes a QGET through raft: the raft index moves by one on every member
                 G("m1", "health-leader", "/health"),
                 SETTLE("settle-after-leader-health"),
                 G("m2", "keys-root-follower-after-leader-health", K + "/"),
                 G("m2", "health-follower", "/health"),
                 SETTLE("settle-after-follower-health"),
                 G("m1", "keys-root-leader-after-follower-health", K + "/"),
                 G("m3", "keys-root-follower-m3-after-healths", K + "/"),
             ]),
        dict(name="cluster-follower-keys",
             description="v2 keys on a follower: writes, reads, quorum reads, errors, watches; vs the leader",
             steps=[
                 on("m1", FORM("put-on-leader", "PUT", K + "/c01/a", "value=1")),
                 SETTLE("settle-1"),
                 G("m2", "get-on-follower", K + "/c01/a"),
                 on("m2", FORM("put-on-follower", "PUT", K + "/c01/b", "value=2")),
                 G("m2", "get-own-write-on-follower", K + "/c01/b"),
                 SETTLE("settle-2"),
                 G("m1", "get-follower-write-on-leader", K + "/c01/b"),
                 G("m3", "get-follower-write-on-other-follower", K + "/c01/b"),
                 G("m2", "quorum-get-on-follower", K + "/c01/a?quorum=true"),
                 G("m1", "quorum-get-on-leader", K + "/c01/a?quorum=true"),
                 G("m2", "quorum-get-missing-on-follower", K + "/c01/missing?quorum=true"),
                 G("m2", "get-missing-on-follower", K + "/c01/missing"),
                 on("m2", X("head-on-follower", "HEAD", K + "/c01/a")),
                 on("m2", FORM("post-in-order-on-follower", "POST", K + "/c01/q", "value=q")),
                 on("m2", FORM("create-existing-on-follower", "PUT", K + "/c01/a?prevExist=false", "value=x")),
                 on("m2", FORM("cas-mismatch-on-follower", "PUT", K + "/c01/a?prevValue=nope", "value=x")),
                 on("m2", FORM("cas-on-follower", "PUT", K + "/c01/a?prevValue=1", "value=11")),
                 on("m2", FORM("update-missing-on-follower", "PUT", K + "/c01/missing?prevExist=true", "value=x")),
                 on("m2", FORM("bad-ttl-on-follower", "PUT", K + "/c01/t?ttl=abc", "value=x")),
                 on("m2", X("delete-on-follower", "DELETE", K + "/c01/b")),
                 on("m2", X("delete-missing-on-follower", "DELETE", K + "/c01/b")),
                 on("m2", X("delete-dir-without-dir-on-follower", "DELETE", K + "/c01")),
                 SETTLE("settle-3"),
                 # a watch on a follower, fed by a write on the leader, and the other way round
                 on("m2", WOPEN("watch-open-on-follower", "wf", K + "/c01/w?wait=true")),
                 on("m1", FORM("put-on-leader-for-follower-watch", "PUT", K + "/c01/w", "value=w1")),
                 WEVENT("watch-event-on-follower", "wf"),
                 on("m1", WOPEN("watch-open-on-leader", "wl", K + "/c01/w?wait=true")),
                 on("m2", FORM("put-on-follower-for-leader-watch", "PUT", K + "/c01/w", "value=w2")),
                 WEVENT("watch-event-on-leader", "wl"),
                 SETTLE("settle-4"),
                 on("m3", WOPEN("watch-from-history-on-follower", "wh",
                                lambda r: K + "/c01/a?wait=true&waitIndex=%d" % node_index(r, "put-on-leader"))),
                 WEVENT("watch-from-history-event", "wh"),
                 on("m3", WOPEN("watch-stream-on-follower", "ws", K + "/c01?wait=true&recursive=true&stream=true")),
                 on("m1", FORM("put-s1-on-leader", "PUT", K + "/c01/s1", "value=s1")),
                 WEVENT("watch-stream-event-1", "ws"),
                 on("m2", FORM("put-s2-on-other-follower", "PUT", K + "/c01/s2", "value=s2")),
                 WEVENT("watch-stream-event-2", "ws"),
                 WCLOSE("watch-stream-close", "ws"),
                 SETTLE("settle-5"),
                 G("m1", "get-all-on-leader", K + "/c01?recursive=true&sorted=true"),
                 G("m2", "get-all-on-follower", K + "/c01?recursive=true&sorted=true"),
                 G("m3", "get-all-on-follower-m3", K + "/c01?recursive=true&sorted=true"),
                 STORE("m1", "stats-store-leader"),
                 STORE("m2", "stats-store-follower"),
                 STORE("m3", "stats-store-follower-m3"),
                 SELF("m2", "stats-self-follower"),
                 SELF("m1", "stats-self-leader"),
             ]),
        dict(name="cluster-members-errors",
             description="Every refused /v2/members request, before any member is added",
             steps=[
                 on("m1", X("post-text-plain", "POST", "/v2/members", body=peers(NEW4), ctype="text/plain")),
                 on("m1", X("post-no-content-type", "POST", "/v2/members", body=peers(NEW4))),
                 on("m1", X("post-json-charset-bad-body", "POST", "/v2/members", body="{nope",
                            ctype="application/json; charset=utf-8")),
                 on("m1", X("post-ct-uppercase", "POST", "/v2/members", body="{nope", ctype="Application/JSON")),
                 J("m1", "post-bad-json", "POST", "/v2/members", "{nope"),
                 J("m1", "post-empty-body", "POST", "/v2/members", ""),
                 J("m1", "post-empty-object", "POST", "/v2/members", "{}"),
                 J("m1", "post-empty-peer-urls", "POST", "/v2/members", '{"peerURLs":[]}'),
                 J("m1", "post-null-peer-urls", "POST", "/v2/members", '{"peerURLs":null}'),
                 J("m1", "post-peer-urls-string", "POST", "/v2/members", '{"peerURLs":"%s"}' % NEW4),
                 J("m1", "post-peer-url-number", "POST", "/v2/members", '{"peerURLs":[1]}'),
                 J("m1", "post-no-scheme", "POST", "/v2/members", peers("127.0.0.1:24386")),
                 J("m1", "post-ftp-scheme", "POST", "/v2/members", peers("ftp://127.0.0.1:24386")),
                 J("m1", "post-no-port", "POST", "/v2/members", peers("http://127.0.0.1")),
                 J("m1", "post-with-path", "POST", "/v2/members", peers("http://127.0.0.1:24386/x")),
                 J("m1", "post-bad-url", "POST", "/v2/members", peers("http://[::1")),
                 J("m1", "post-one-good-one-bad", "POST", "/v2/members", peers(NEW4, "http://127.0.0.1")),
                 J("m1", "post-json-array", "POST", "/v2/members", '[]'),
                 J("m1", "post-trailing-garbage", "POST", "/v2/members", peers(NEW4) + "x"),
                 # conflicts are found when the conf change is applied: each goes through raft
                 J("m1", "post-duplicate-peer-url", "POST", "/v2/members", peers(peer_url("m2"))),
                 J("m2", "post-duplicate-peer-url-on-follower", "POST", "/v2/members", peers(peer_url("m1"))),
                 J("m1", "post-one-new-one-duplicate", "POST", "/v2/members", peers(NEW4, peer_url("m3"))),
                 G("m1", "keys-root-after-refused-adds", K + "/"),
                 SETTLE("settle-1"),
                 # PUT /v2/members/<id>
                 on("m1", X("put-no-id", "PUT", "/v2/members", body=peers(NEW4), ctype=JSON_CT)),
                 on("m1", X("put-slash-no-id", "PUT", "/v2/members/", body=peers(NEW4), ctype=JSON_CT)),
                 J("m1", "put-non-hex-id", "PUT", "/v2/members/zzz", peers(NEW4)),
                 J("m1", "put-id-too-long", "PUT", "/v2/members/1ffffffffffffffff", peers(NEW4)),
                 J("m1", "put-unknown-id", "PUT", "/v2/members/1234", peers(NEW4)),
                 J("m1", "put-unknown-id-leading-zeros", "PUT", "/v2/members/0001234", peers(NEW4)),
                 J("m1", "put-unknown-id-uppercase", "PUT", "/v2/members/ABCD", peers(NEW4)),
                 on("m1", X("put-text-plain", "PUT", "/v2/members/" + M3, body=peers(peer_url("m3")),
                            ctype="text/plain")),
                 J("m1", "put-bad-json", "PUT", "/v2/members/" + M3, "{nope"),
                 J("m1", "put-empty-peer-urls", "PUT", "/v2/members/" + M3, '{"peerURLs":[]}'),
                 J("m1", "put-bad-url", "PUT", "/v2/members/" + M3, peers("http://127.0.0.1")),
                 J("m1", "put-bad-id-and-bad-body", "PUT", "/v2/members/zzz", "{nope"),
                 J("m1", "put-conflict-with-other-member", "PUT", "/v2/members/" + M3, peers(peer_url("m2"))),
                 J("m2", "put-conflict-on-follower", "PUT", "/v2/members/" + M3, peers(peer_url("m1"))),
                 # the same URL again: accepted, a conf change through raft, rewrites raftAttributes
                 J("m1", "put-same-peer-url", "PUT", "/v2/members/" + M3, peers(peer_url("m3"))),
                 J("m1", "put-same-peer-url-uppercase-id", "PUT", "/v2/members/" + M3.upper(), peers(peer_url("m3"))),
                 SETTLE("settle-2"),
                 G("m3", "members-after-same-url-update", "/v2/members"),
                 G("m1", "keys-root-after-updates", K + "/"),
                 # DELETE /v2/members/<id>
                 on("m1", X("delete-no-id", "DELETE", "/v2/members")),
                 on("m1", X("delete-slash-no-id", "DELETE", "/v2/members/")),
                 on("m1", X("delete-non-hex-id", "DELETE", "/v2/members/zzz")),
                 on("m1", X("delete-id-too-long", "DELETE", "/v2/members/1ffffffffffffffff")),
                 on("m1", X("delete-unknown-id", "DELETE", "/v2/members/1234")),
                 on("m1", X("delete-unknown-id-leading-zeros", "DELETE", "/v2/members/0001234")),
                 on("m2", X("delete-unknown-id-on-follower", "DELETE", "/v2/members/abcd")),
                 # GET of anything but the list and "leader", and other methods
                 G("m1", "get-member-by-id", "/v2/members/" + M1),
                 G("m1", "get-leader-slash", "/v2/members/leader/"),
                 on("m1", X("head-members", "HEAD", "/v2/members")),
                 on("m1", X("patch-members", "PATCH", "/v2/members/" + M3)),
                 SETTLE("settle-3"),
                 G("m1", "members-after-errors", "/v2/members"),
                 G("m1", "keys-root-after-errors", K + "/"),
             ]),
        dict(name="cluster-members-add-remove",
             description="Add a member that never starts, look at it, update it, remove it; add/remove via a follower",
             steps=[
                 J("m1", "post-add", "POST", "/v2/members", peers(NEW4), capture=("added", "id"),
                   derive_member_id=True),
                 SETTLE("settle-1"),
                 G("m1", "members-with-unstarted-on-leader", "/v2/members"),
                 G("m2", "members-with-unstarted-on-follower", "/v2/members"),
                 G("m1", "machines-with-unstarted", "/v2/machines"),
                 G("m2", "members-leader-with-unstarted", "/v2/members/leader"),
                 G("m1", "keys-root-after-add", K + "/"),
                 LEADER_STATS("m1", "stats-leader-with-unstarted"),
                 G("m1", "health-with-unstarted", "/health"),
                 # strict reconfiguration check: the leader is not connected to the new member
                 J("m1", "post-second-add-refused", "POST", "/v2/members", peers(NEW5)),
                 J("m2", "post-second-add-refused-on-follower", "POST", "/v2/members", peers(NEW5)),
                 J("m1", "post-add-same-url-again", "POST", "/v2/members", peers(NEW4)),
                 SETTLE("settle-2"),
                 J("m1", "put-update-unstarted", "PUT", "/v2/members/{{added}}", peers(NEW4B)),
                 SETTLE("settle-3"),
                 G("m2", "members-after-update-on-follower", "/v2/members"),
                 J("m1", "put-unstarted-to-taken-url", "PUT", "/v2/members/{{added}}", peers(peer_url("m2"))),
                 G("m1", "keys-root-after-update", K + "/"),
                 on("m1", X("delete-unstarted", "DELETE", "/v2/members/{{added}}")),
                 SETTLE("settle-4"),
                 on("m1", X("delete-removed-again", "DELETE", "/v2/members/{{added}}")),
                 on("m2", X("delete-removed-again-on-follower", "DELETE", "/v2/members/{{added}}")),
                 J("m1", "put-removed", "PUT", "/v2/members/{{added}}", peers(NEW4B)),
                 SETTLE("settle-5"),
                 G("m1", "members-after-remove-on-leader", "/v2/members"),
                 G("m3", "members-after-remove-on-follower", "/v2/members"),
                 G("m1", "keys-root-after-remove", K + "/"),
                 LEADER_STATS("m1", "stats-leader-after-remove"),
                 # through a follower
                 J("m2", "post-add-on-follower", "POST", "/v2/members", peers(NEW6), capture=("added2", "id"),
                   derive_member_id=True),
                 SETTLE("settle-6"),
                 G("m3", "members-after-follower-add", "/v2/members"),
                 on("m2", X("delete-on-follower", "DELETE", "/v2/members/{{added2}}")),
                 SETTLE("settle-7"),
                 # POST does not look at the path after /v2/members
                 J("m1", "post-add-with-id-in-path", "POST", "/v2/members/" + M3, peers(NEW7),
                   capture=("added3", "id"), derive_member_id=True),
                 SETTLE("settle-8"),
                 on("m1", X("delete-third", "DELETE", "/v2/members/{{added3}}")),
                 SETTLE("settle-9"),
                 G("m1", "members-final", "/v2/members"),
                 G("m2", "keys-root-final-follower", K + "/"),
             ]),
        dict(name="cluster-peer-api",
             description="What a member answers on its PEER URL (a joining member reads /members there)",
             steps=[
                 G("m1:peer", "peer-members-leader", "/members"),
                 G("m2:peer", "peer-members-follower", "/members"),
                 G("m1:peer", "peer-version", "/version"),
                 G("m1:peer", "peer-members-slash", "/members/"),
                 on("m1:peer", X("peer-members-post", "POST", "/members", body="{}", ctype=JSON_CT)),
                 on("m1:peer", X("peer-raft-probing", "GET", "/raft/probing", time_paths=["Now"])),
                 G("m1:peer", "peer-root", "/"),
                 G("m1:peer", "peer-v2-keys", K + "/"),
                 G("m1:peer", "peer-health", "/health"),
                 G("m1", "keys-root-after-peer-api", K + "/"),
             ]),
        dict(name="cluster-no-leader",
             description="Two of three members SIGKILLed: the survivor (the old leader) without quorum, then without leader",
             notes=["elapsedMs is what the answer took; etcd's v2 request timeout is 5 s + 2 x election timeout "
                    "(1 s by default) = 7 s; /health's own QGET times out after 1 s",
                    "X-Raft-Term stays 2 although the survivor campaigns (its raft term grows every "
                    "election timeout): etcd reports the term of the last APPLIED entry, and nothing "
                    "commits without a quorum",
                    "/v2/stats/self on the survivor keeps saying StateLeader with itself as leader: etcd "
                    "updates that state only when it becomes leader or receives an append"],
             steps=[
                 SETTLE("settle-before-kill"),
                 dict(kind="kill", name="kill-m2-m3", members=["m2", "m3"]),
                 G("m1", "health-right-after-kill", "/health",
                   transitional="sent within milliseconds of the kill, while m1 still believed it led: its "
                                "QGET cannot commit; which answer comes depends on when m1 steps down "
                                "(CheckQuorum, about one election timeout)"),
                 dict(kind="awaitNoLeader", name="await-no-leader", member="m1"),
                 G("m1", "members-leader-no-leader", "/v2/members/leader"),
                 G("m1", "health-no-leader", "/health"),
                 SELF("m1", "stats-self-no-leader"),
                 LEADER_STATS("m1", "stats-leader-no-leader"),
                 G("m1", "members-no-leader", "/v2/members"),
                 G("m1", "get-no-leader", K + "/c01/a"),
                 G("m1", "keys-root-no-leader", K + "/"),
                 on("m1", WOPEN("watch-open-no-leader", "wn", K + "/c01/a?wait=true")),
                 WCLOSE("watch-close-no-leader", "wn"),
                 G("m1", "quorum-get-no-leader", K + "/c01/a?quorum=true"),
                 on("m1", FORM("put-no-leader", "PUT", K + "/c01/nl", "value=x")),
                 on("m1", X("delete-key-no-leader", "DELETE", K + "/c01/a")),
                 J("m1", "post-member-no-leader", "POST", "/v2/members", peers(NEW5)),
                 on("m1", X("delete-member-no-leader", "DELETE", "/v2/members/" + M3)),
                 J("m1", "put-member-no-leader", "PUT", "/v2/members/" + M3, peers(peer_url("m3"))),
                 G("m1", "health-no-leader-again", "/health"),
                 SELF("m1", "stats-self-no-leader-end"),
             ]),
    ]
