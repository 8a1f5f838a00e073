"""Records what etcd 3.4 (Go 1.19's net/http in front of etcd's v2 keys handler) answers to
malformed, odd and pipelined requests, byte for byte, into
http-api/src/test/resources/etcd-fixtures/wire/wire-edges.json, which WireEdgesTest replays
against etcdj. python3 stdlib only.

    python3 wire_edges.py --port 27379     # an etcd 3.4 with --enable-v2=true already serving there

Each case is sent on its own connection; then, in mode "halfclose", the sending side is shut down
(the answers to every request read, then the close, show what the server made of the bytes); in
mode "open" the socket stays open and the server must close it by itself ("timeout" is recorded
when it does not within OPEN_WAIT_S). Volatile values (Date, indexes, cluster id) are
normalised to placeholders both here and in the test. Requests over 20,000 bytes are stored as
"requestZ" (zlib, base64), answers cut at 4,000 characters.
"""

import argparse
import base64
import zlib
import json
import re
import socket
import time

OPEN_WAIT_S = 3.0
HEAD = "Host: h\r\n"
FORM = "Content-Type: application/x-www-form-urlencoded\r\n"


def put(path, body="value=1", extra=""):
    return ("PUT %s HTTP/1.1\r\n%s%s%sContent-Length: %d\r\n\r\n%s"
            % (path, HEAD, FORM, extra, len(body), body))


def get(path):
    return "GET %s HTTP/1.1\r\n%s\r\n" % (path, HEAD)


CASES = [
    # 1. pipelining: an error for a later request never overtakes an earlier write's answer
    ("pipeline-write-then-unknown-expect", "halfclose",
     put("/v2/keys/w1/a") + put("/v2/keys/w1/b", extra="Expect: bogus\r\n") + get("/v2/keys/w1/a")),
    ("pipeline-write-then-oversize-length", "halfclose",
     put("/v2/keys/w1/c") + "PUT /v2/keys/w1/d HTTP/1.1\r\n" + HEAD + FORM
     + "Content-Length: 20000000\r\n\r\nvalue=x"),
    ("pipeline-write-then-expect-then-get-open", "open",
     put("/v2/keys/w1/g") + put("/v2/keys/w1/h", extra="Expect: bogus\r\n") + get("/v2/keys/w1/g")),
    ("pipeline-write-then-bad-te", "halfclose",
     put("/v2/keys/w1/i") + "PUT /v2/keys/w1/j HTTP/1.1\r\n" + HEAD + FORM + "Transfer-Encoding: gzip\r\n\r\n"),
    ("pipeline-write-then-bad-target", "halfclose", put("/v2/keys/w1/k") + get("/v2/keys/w1/\x01")),
    ("pipeline-write-then-header-too-large", "halfclose",
     put("/v2/keys/w1/l") + "GET /v2/keys/w1/l HTTP/1.1\r\n" + HEAD + "X-Big: " + "a" * ((1 << 20) + 8192) + "\r\n\r\n"),
    ("pipeline-write-then-100-continue", "halfclose",
     put("/v2/keys/w1/e") + put("/v2/keys/w1/f", extra="Expect: 100-continue\r\n") + get("/v2/keys/w1/f")),
    # 2. keys are bytes
    ("bytes-put-ff", "halfclose", put("/v2/keys/w2/%ff", "value=ff")),
    ("bytes-put-fe", "halfclose", put("/v2/keys/w2/%fe", "value=fe")),
    ("bytes-get-ff", "halfclose", get("/v2/keys/w2/%ff")),
    ("bytes-get-fe", "halfclose", get("/v2/keys/w2/%fe")),
    ("bytes-get-replacement-char", "halfclose", get("/v2/keys/w2/%ef%bf%bd")),
    ("bytes-put-raw-ff", "halfclose", put("/v2/keys/w2/r\xff", "value=raw")),
    ("bytes-put-cesu-surrogate", "halfclose", put("/v2/keys/w2/%ed%b2%80", "value=cesu")),
    ("bytes-get-missing-fd", "halfclose", get("/v2/keys/w2/%fd")),
    ("bytes-list", "halfclose", get("/v2/keys/w2?recursive=true&sorted=true")),
    ("bytes-value-ff", "halfclose", put("/v2/keys/w2/v", "value=%ff%fe")),
    ("bytes-get-value-ff", "halfclose", get("/v2/keys/w2/v")),
    # 3. targets and framing etcd refuses
    ("target-control-byte", "open", put("/v2/keys/w3/a\x01b")),
    ("target-nul-byte", "open", put("/v2/keys/w3/a\x00b")),
    ("target-del-byte", "open", put("/v2/keys/w3/a\x7fb")),
    ("target-tab", "open", put("/v2/keys/w3/a\tb")),
    ("target-no-leading-slash", "open", put("v2/keys/w3/c")),
    ("target-star-get", "open", get("*")),
    ("target-star-options", "halfclose", "OPTIONS * HTTP/1.1\r\n" + HEAD + "\r\n"),
    ("target-absolute", "halfclose", put("http://h/v2/keys/w3/abs")),
    ("target-absolute-no-path", "halfclose", get("http://h")),
    ("target-fragment", "halfclose", get("/v2/keys/w3/abs#frag")),
    ("version-1.2", "halfclose", put("/v2/keys/w3/v12").replace("HTTP/1.1", "HTTP/1.2", 1)),
    ("version-1.2-get", "halfclose", get("/v2/keys/w3/v12").replace("HTTP/1.1", "HTTP/1.2", 1)),
    ("version-2.0", "open", get("/v2/keys/").replace("HTTP/1.1", "HTTP/2.0", 1)),
    ("version-1.10", "halfclose", get("/v2/keys/w3/v12").replace("HTTP/1.1", "HTTP/1.10", 1)),
    ("version-1.01", "halfclose", get("/v2/keys/w3/v12").replace("HTTP/1.1", "HTTP/1.01", 1)),
    ("version-lowercase", "open", get("/v2/keys/w3/v12").replace("HTTP/1.1", "http/1.1", 1)),
    ("version-1.0-put", "halfclose", put("/v2/keys/w3/v10").replace("HTTP/1.1", "HTTP/1.0", 1)),
    ("te-gzip-chunked", "open", "PUT /v2/keys/w3/te1 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: gzip, chunked\r\n\r\n7\r\nvalue=1\r\n0\r\n\r\n"),
    ("te-identity", "open", "PUT /v2/keys/w3/te2 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: identity\r\nContent-Length: 7\r\n\r\nvalue=1"),
    ("te-chunked-chunked", "open", "PUT /v2/keys/w3/te3 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: chunked, chunked\r\n\r\n7\r\nvalue=1\r\n0\r\n\r\n"),
    ("te-two-headers", "open", "PUT /v2/keys/w3/te4 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n7\r\nvalue=1\r\n0\r\n\r\n"),
    ("te-uppercase", "halfclose", "PUT /v2/keys/w3/te5 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: CHUNKED\r\n\r\n7\r\nvalue=1\r\n0\r\n\r\n"),
    ("te-chunked-with-length", "halfclose", "PUT /v2/keys/w3/te6 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n7\r\nvalue=1\r\n0\r\n\r\n" + get("/v2/keys/w3/te6")),
    ("te-chunked-http10", "halfclose", "PUT /v2/keys/w3/te7 HTTP/1.0\r\n" + FORM
     + "Transfer-Encoding: chunked\r\n\r\n7\r\nvalue=1\r\n0\r\n\r\n"),
    # 4. framing etcd accepts
    ("bare-lf", "halfclose", put("/v2/keys/w4/lf").replace("\r\n", "\n")),
    ("bare-lf-mixed", "halfclose", "PUT /v2/keys/w4/lf2 HTTP/1.1\n" + HEAD + FORM.replace("\r\n", "\n")
     + "Content-Length: 7\r\n\nvalue=1"),
    ("header-empty-name", "halfclose", put("/v2/keys/w4/h1", extra=": x\r\n")),
    ("header-blank-spaces-line", "halfclose", put("/v2/keys/w4/h2", extra=" \r\n")),
    ("header-obs-fold", "halfclose", put("/v2/keys/w4/h3", extra="X-A: a\r\n b\r\n")),
    ("header-no-colon", "open", put("/v2/keys/w4/h4", extra="Foo\r\n")),
    ("header-space-before-colon", "open", put("/v2/keys/w4/h5", extra="Foo : bar\r\n")),
    ("header-bad-name-byte", "open", put("/v2/keys/w4/h6", extra="F(o: bar\r\n")),
    ("header-ctl-in-value", "open", put("/v2/keys/w4/h7", extra="Foo: a\x01b\r\n")),
    ("header-tab-in-value", "halfclose", put("/v2/keys/w4/h8", extra="Foo: a\tb\r\n")),
    ("chunk-size-trailing-space", "halfclose", "PUT /v2/keys/w4/c1 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: chunked\r\n\r\n7 \r\nvalue=1\r\n0\r\n\r\n"),
    ("chunk-size-trailing-tab", "halfclose", "PUT /v2/keys/w4/c2 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: chunked\r\n\r\n7\t\r\nvalue=1\r\n0\r\n\r\n"),
    ("chunk-extension", "halfclose", "PUT /v2/keys/w4/c3 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: chunked\r\n\r\n7;a=b\r\nvalue=1\r\n0;x\r\n\r\n"),
    ("chunk-size-leading-zeros", "halfclose", "PUT /v2/keys/w4/c4 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: chunked\r\n\r\n0007\r\nvalue=1\r\n000\r\n\r\n"),
    ("chunk-size-0x", "halfclose", "PUT /v2/keys/w4/c5 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: chunked\r\n\r\n0x7\r\nvalue=1\r\n0\r\n\r\n"),
    ("chunk-size-negative", "halfclose", "PUT /v2/keys/w4/c6 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: chunked\r\n\r\n-7\r\nvalue=1\r\n0\r\n\r\n"),
    ("chunk-size-huge", "halfclose", "PUT /v2/keys/w4/c7 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\nvalue=1\r\n0\r\n\r\n"),
    ("chunk-missing-crlf", "halfclose", "PUT /v2/keys/w4/c8 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: chunked\r\n\r\n7\r\nvalue=1XX0\r\n\r\n"),
    ("chunk-bare-lf", "halfclose", "PUT /v2/keys/w4/c9 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: chunked\r\n\r\n7\nvalue=1\n0\n\n"),
    ("chunk-trailer", "halfclose", "PUT /v2/keys/w4/c10 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: chunked\r\n\r\n7\r\nvalue=1\r\n0\r\nX-T: 1\r\n\r\n"),
    ("chunk-truncated", "halfclose", "PUT /v2/keys/w4/c11 HTTP/1.1\r\n" + HEAD + FORM
     + "Transfer-Encoding: chunked\r\n\r\n7\r\nval"),
    ("length-repeated-same", "halfclose", put("/v2/keys/w4/l1", extra="Content-Length: 7\r\n")),
    ("length-repeated-different", "open", put("/v2/keys/w4/l2", extra="Content-Length: 8\r\n")),
    ("length-comma-list", "open", "PUT /v2/keys/w4/l3 HTTP/1.1\r\n" + HEAD + FORM
     + "Content-Length: 7, 7\r\n\r\nvalue=1"),
    ("length-plus", "open", "PUT /v2/keys/w4/l4 HTTP/1.1\r\n" + HEAD + FORM
     + "Content-Length: +7\r\n\r\nvalue=1"),
    ("length-negative", "open", "PUT /v2/keys/w4/l5 HTTP/1.1\r\n" + HEAD + FORM
     + "Content-Length: -1\r\n\r\nvalue=1"),
    ("length-leading-zeros", "halfclose", "PUT /v2/keys/w4/l6 HTTP/1.1\r\n" + HEAD + FORM
     + "Content-Length: 007\r\n\r\nvalue=1"),
    ("length-spaces", "halfclose", "PUT /v2/keys/w4/l7 HTTP/1.1\r\n" + HEAD + FORM
     + "Content-Length:   7   \r\n\r\nvalue=1"),
    ("length-empty", "halfclose", "PUT /v2/keys/w4/l8 HTTP/1.1\r\n" + HEAD + FORM
     + "Content-Length: \r\n\r\nvalue=1"),
    ("length-huge", "open", "PUT /v2/keys/w4/l9 HTTP/1.1\r\n" + HEAD + FORM
     + "Content-Length: 99999999999999999999\r\n\r\nvalue=1"),
    ("length-lying-short", "halfclose", "PUT /v2/keys/w4/l10 HTTP/1.1\r\n" + HEAD + FORM
     + "Content-Length: 3\r\n\r\nvalue=1"),
    ("length-lying-long", "halfclose", "PUT /v2/keys/w4/l11 HTTP/1.1\r\n" + HEAD + FORM
     + "Content-Length: 30\r\n\r\nvalue=1"),
    ("length-on-get", "halfclose", "GET /v2/keys/w4/l1 HTTP/1.1\r\n" + HEAD + "Content-Length: 3\r\n\r\nabc"
     + get("/v2/keys/w4/l1")),
    # 5. escaped slashes
    ("slash-escaped-after-keys", "halfclose", put("/v2/keys%2Fw5a")),
    ("slash-escaped-after-keys-get", "halfclose", get("/v2/keys%2Fw5a")),
    ("slash-escaped-in-key", "halfclose", put("/v2/keys/w5/a%2Fb")),
    ("slash-escaped-in-key-get", "halfclose", get("/v2/keys/w5/a%2Fb")),
    ("slash-escaped-in-key-get-decoded", "halfclose", get("/v2/keys/w5/a/b")),
    ("slash-escaped-list", "halfclose", get("/v2/keys/w5?recursive=true")),
    ("slash-escaped-in-v2", "halfclose", get("/v2%2Fkeys/w5")),
    ("slash-escaped-dotdot", "halfclose", get("/v2/keys/w5/%2e%2e/w5")),
    ("slash-double", "halfclose", get("/v2/keys//w5")),
    ("slash-escaped-double", "halfclose", get("/v2/keys/%2Fw5")),
    # 6. limits
    ("header-too-large", "open", "GET /v2/keys/w4/l1 HTTP/1.1\r\n" + HEAD + "X-Big: " + "a" * ((1 << 20) + 8192) + "\r\n\r\n"),
    ("header-just-under-limit", "halfclose", "GET /v2/keys/w4/l1 HTTP/1.1\r\n" + HEAD + "X-Big: " + "a" * ((1 << 20) - 600) + "\r\n\r\n"),
    ("many-headers", "halfclose", "GET /v2/keys/w4/l1 HTTP/1.1\r\n" + HEAD
     + "".join("X-H%d: v\r\n" % i for i in range(5000)) + "\r\n"),
    ("request-line-4k", "open", "GET /v2/keys/" + "a" * 5000 + " HTTP/1.1\r\n" + HEAD + "\r\n"),
    ("pipeline-write-then-bad-line-then-wait", "open", put("/v2/keys/w1/m") + "\x01\r\n"),
    ("pipeline-lying-short-length-then-wait", "open", "PUT /v2/keys/w1/n HTTP/1.1\r\n" + HEAD + FORM
     + "Content-Length: 7\r\n\r\nvalue=12\x01\r\n"),
    ("target-opaque", "halfclose", get("w1:x?y=1")),
    ("post-then-stray-crlf", "halfclose", "POST /v2/keys/w7 HTTP/1.1\r\n" + HEAD + FORM
     + "Content-Length: 7\r\n\r\nvalue=1\r\n\r\n" + get("/v2/keys/w1/a")),
    ("get-then-stray-crlf", "halfclose", get("/v2/keys/w1/a") + "\r\n" + get("/v2/keys/w1/a")),
    ("connection-close-then-more", "open", put("/v2/keys/w7/c1", extra="Connection: close\r\n") + put("/v2/keys/w7/c2")),
    ("connection-close-then-more-check", "halfclose", get("/v2/keys/w7/c2")),
    ("http10-keep-alive-pipeline", "halfclose", "GET /v2/keys/w1/a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
     + "GET /v2/keys/w1/a HTTP/1.0\r\n\r\n" + get("/v2/keys/w1/a")),
    ("expect-continue-http10", "halfclose", put("/v2/keys/w7/e10", extra="Expect: 100-continue\r\n").replace("HTTP/1.1", "HTTP/1.0", 1)),
    ("expect-two-tokens", "halfclose", put("/v2/keys/w7/e2", extra="Expect: foo, 100-continue\r\n")),
    ("pipeline-two-continues", "halfclose", put("/v2/keys/w7/x1") + put("/v2/keys/w7/x2", extra="Expect: 100-continue\r\n")
     + put("/v2/keys/w7/x3", extra="Expect: 100-continue\r\n")),
    ("form-oversize", "halfclose", "PUT /v2/keys/w6/big HTTP/1.1\r\n" + HEAD + FORM
     + "Content-Length: %d\r\n\r\nvalue=%s" % (6 + 11 * 1024 * 1024, "x" * (11 * 1024 * 1024))),
]

VOLATILE = [
    (re.compile(r"Date: [^\r\n]*"), "Date: {{date}}"),
    (re.compile(r"X-Etcd-Index: \d+"), "X-Etcd-Index: {{n}}"),
    (re.compile(r"X-Raft-Index: \d+"), "X-Raft-Index: {{n}}"),
    (re.compile(r"X-Raft-Term: \d+"), "X-Raft-Term: {{n}}"),
    (re.compile(r"X-Etcd-Cluster-Id: [0-9a-f]+"), "X-Etcd-Cluster-Id: {{id}}"),
    (re.compile(r"\"(modifiedIndex|createdIndex|index)\":\d+"), r'"\1":0'),
]


def normalise(text):
    for pattern, repl in VOLATILE:
        text = pattern.sub(repl, text)
    return text


def exchange(port, data, mode):
    s = socket.create_connection(("127.0.0.1", port), timeout=15)
    try:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        if mode == "halfclose":
            s.shutdown(socket.SHUT_WR)
        else:
            s.settimeout(OPEN_WAIT_S)
        got = b""
        while True:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                return got, "timeout"
            except ConnectionResetError:
                return got, "reset"
            if not chunk:
                return got, "closed"
            got += chunk
    finally:
        s.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=27379)
    ap.add_argument("--out", default="../../http-api/src/test/resources/etcd-fixtures/wire/wire-edges.json")
    ap.add_argument("--only")
    args = ap.parse_args()
    out = []
    for name, mode, request in CASES:
        if args.only and args.only not in name:
            continue
        data = request.encode("latin-1")
        answer, end = exchange(args.port, data, mode)
        text = normalise(answer.decode("latin-1"))
        big = len(data) > 20000
        out.append({"name": name, "mode": mode,
                    "request": request if not big else None,
                    "requestZ": base64.b64encode(zlib.compress(data, 9)).decode() if big else None,
                    "answer": text[:4000], "end": end})
        print("%-40s %-9s %-7s %s" % (name, mode, end, text.split("\r\n", 1)[0][:80] if text else "-"))
    if not args.only:
        with open(args.out, "w") as f:
            json.dump({"etcd": "3.4.23 (go1.19.8)", "cases": out}, f, indent=1, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
