#!/usr/bin/env python3
"""Records how a real etcd 3.4 reads the body of POST and PUT /v2/members: Go's json.Unmarshal
into struct { PeerURLs []string } and types.NewURLs (url.Parse, the scheme and host:port checks,
String(), sorting). The messages of the 400s are etcd's verbatim; for bodies etcd accepts, the
peer URLs as etcd stored them. One fresh single-member etcd on 127.0.0.1:23579/23580 (its data
dir /tmp/etcd-members-parse removed first); every body goes to PUT /v2/members/<the member's own
id>, which reads the body exactly as POST does (httptypes.MemberCreateRequest) but, when etcd
accepts it, only updates the one member (a POST would add a member that never starts and cost
the cluster its quorum); GET /v2/members then shows what was stored. Writes http-api/src/test/resources/etcd-fixtures/members-parse.json, which
MemberRequestBodyTest replays against etcdj's parser. python3 stdlib only.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from httpwire import Connection, read_body  # noqa: E402

HOST = "127.0.0.1"
CLIENT_PORT = 23579
PEER_PORT = 23580
PEER_URL = "http://%s:%d" % (HOST, PEER_PORT)
DATA_DIR = "/tmp/etcd-members-parse"
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "http-api", "src", "test", "resources",
                                            "etcd-fixtures", "members-parse.json"))
ETCD_ARGS = [
    "--name", "parse", "--data-dir", DATA_DIR, "--enable-v2=true",
    "--listen-client-urls", "http://%s:%d" % (HOST, CLIENT_PORT),
    "--advertise-client-urls", "http://%s:%d" % (HOST, CLIENT_PORT),
    "--listen-peer-urls", PEER_URL, "--initial-advertise-peer-urls", PEER_URL,
    "--initial-cluster", "parse=" + PEER_URL, "--initial-cluster-token", "members-parse",
]


def urls(*u):
    return json.dumps({"peerURLs": list(u)})


# Bodies (as sent, exactly). Each is recorded with what etcd answered.
BODIES = [
    # JSON shapes Go's decoder refuses or reads oddly
    '"x"', "5", "true", "null", "[]", "{}", '{"foo":1}', '{"peerURLs":5}', '{"peerURLs":true}',
    '{"peerURLs":{}}', '{"peerURLs":[true]}', '{"peerURLs":[null]}', '{"peerURLs":[[]]}',
    '{"peerURLs":[{}]}', '{"peerURLs":[1,"x",{}]}', '{"peerURLs":["x",1]}',
    '{"peerURLs":["http://127.0.0.1:1"],"peerURLs":null}',
    '{"peerURLs":["http://127.0.0.1:2"],"peerURLs":[null]}',
    '{"PEERURLS":["http://127.0.0.1:3"]}', '{"PeerUrls":["http://127.0.0.1:4"],"x":[1,2,{"a":null}]}',
    ' \n{"peerURLs":["http://127.0.0.1:5"]}\t',
    '{"peerURLs":["http:\\/\\/127.0.0.1:6"]}',
    # URLs: url.Parse errors
    urls(""), urls(":foo"), urls("127.0.0.1:7"), urls("http://[::1"), urls("http://[::1]x:8"),
    urls("http://127.0.0.1:abc"), urls("http://a b:9"), urls("http://%zz:10"), urls("http://%41:11"),
    urls("http://127.0.0.1:12/%zz"), urls("http://127.0.0.1:13#%zz"), urls("http://127.0.0.1:\u000114"),
    urls("http://us er@127.0.0.1:15"), urls("http://[fe80::1%25en0]:16"),
    # URLs: NewURLs' own checks
    urls("ftp://127.0.0.1:17"), urls("mailto:x@y"), urls("http:foo"), urls("http://127.0.0.1"),
    urls("http://::1:18"), urls("http://127.0.0.1:19/"), urls("http://127.0.0.1:20/x"),
    urls("https://127.0.0.1"), urls("http://127.0.0.1:21", "ftp://x:1"),
    # URLs etcd accepts, and how it stores them
    urls("HTTP://127.0.0.1:22"), urls(" http://127.0.0.1:23 "), urls("http://127.0.0.1:24?x=1"),
    urls("http://127.0.0.1:25?"), urls("http://127.0.0.1:26#frag"), urls("http://127.0.0.1:27#a%20b"),
    urls("http://user:pw@127.0.0.1:28"), urls("http://us%40er@127.0.0.1:29"), urls("http://127.0.0.1:"),
    urls("http://[::1]:30"), urls("http://\u00e9t\u00e9:31"), urls("http://%C3%A9:32"), urls("unix://sock"),
    urls("unixs:rel"), urls("http://b:2", "http://a:1", "http://a:1"), urls("https://localhost:33"),
]


def exchange(method, path, body):
    data = body.encode("utf-8")
    head = ("%s %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
            % (method, path, HOST, CLIENT_PORT, len(data)))
    conn = Connection(HOST, CLIENT_PORT)
    try:
        conn.send(head.encode("ascii") + data)
        status_line = conn.read_line().decode("latin-1")
        headers = []
        while True:
            line = conn.read_line()
            if not line:
                break
            k, v = line.decode("latin-1").split(":", 1)
            headers.append((k.strip(), v.strip()))
        status = int(status_line.split(" ")[1])
        body_bytes = read_body(conn, method, status, headers)
        return status, body_bytes.decode("utf-8")
    finally:
        conn.close()


def get_json(path):
    status, body = exchange("GET", path, "")
    return json.loads(body)


def wait_ready(proc):
    end = time.monotonic() + 30
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit("etcd exited; see %s.log" % DATA_DIR)
        try:
            members = get_json("/v2/members")["members"]
            if members and members[0]["name"] == "parse":
                return members[0]["id"]
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.1)  # polling a child process start-up; not a test
    raise SystemExit("etcd did not start")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--etcd", default="/usr/bin/etcd")
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    try:
        exchange("GET", "/version", "")
        raise SystemExit("something already answers on %d: stop it first" % CLIENT_PORT)
    except OSError:
        pass
    version = subprocess.run([args.etcd, "--version"], capture_output=True, text=True).stdout
    shutil.rmtree(DATA_DIR, ignore_errors=True)
    log = open(DATA_DIR + ".log", "w")
    proc = subprocess.Popen([args.etcd] + ETCD_ARGS, stdout=log, stderr=subprocess.STDOUT)
    cases = []
    try:
        self_id = wait_ready(proc)
        for body in BODIES:
            status, answer = exchange("PUT", "/v2/members/" + self_id, body)
            case = {"body": body}
            if status == 400:
                case["refused"] = json.loads(answer)["message"]
            elif status == 204:
                case["stored"] = get_json("/v2/members")["members"][0]["peerURLs"]
            else:
                raise AssertionError("PUT %s: unexpected %d %s" % (body, status, answer))
            cases.append(case)
            print("%-60s %s" % (body[:60], case.get("refused") or case.get("stored")))
        exchange("PUT", "/v2/members/" + self_id, urls(PEER_URL))
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"recordedWith": version.strip().splitlines(),
                   "how": "each body PUT to /v2/members/<id> of the only member of a fresh etcd (it reads "
                          "the body as POST does); a 400 is recorded as 'refused' with etcd's message; "
                          "for a 204, 'stored' is the peerURLs GET /v2/members then showed",
                   "cases": cases}, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
