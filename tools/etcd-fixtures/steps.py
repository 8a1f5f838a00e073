"""The step vocabulary of a scenario, and how the recorder runs each step against etcd.

A step is a plain dict. The recorder runs it and returns the dict that goes into the fixture:
the exact request bytes (the Host header as {{host}}), and what etcd answered.

Kinds (the Java replay in http-api/src/test/java/io/etcdj/http/compat/ knows the same ones):
  exchange    one request on a fresh connection, the whole response read
  watchOpen   a request (wait=true) whose status and headers are read at once; the
              connection stays open under the step's "watch" name
  watchEvent  reads the next event (one complete JSON value) from an open watch;
              for a long poll also checks that the body ends after it
  watchClose  closes an open watch connection
  bulk        the same request template sent count times ({{i}} = 1..count), only the last
              answer recorded (used to push events out of the 1000-event history)
  pipeline    several requests written back to back on one connection before any answer is
              read; the answers are read in order

An exchange with a "conn" name reuses that keep-alive connection (opened by its first use,
closed at the end of the scenario) instead of a fresh one.
"""

import json

from httpwire import Connection, WireError, read_body, read_json_event

# Fields whose values depend on the wall clock: compared for presence, never value.
TIME_FIELD_NAMES = ["expiration", "ttl"]
TIME_HEADERS = ["Date"]


def _target(target, results):
    return target(results) if callable(target) else target


def _build_request(method, target, body, ctype, headers):
    lines = ["%s %s HTTP/1.1" % (method, target), "Host: {{host}}"]
    for name, value in headers:
        lines.append("%s: %s" % (name, value))
    if ctype is not None:
        lines.append("Content-Type: %s" % ctype)
    if body is not None:
        lines.append("Content-Length: %d" % len(body.encode("utf-8")))
    return "\r\n".join(lines) + "\r\n\r\n"


# ---- step constructors used by scenarios.py -------------------------------------------------

def X(name, method, target, body=None, ctype=None, headers=(), raw=None, time_paths=(),
      check="exact", metric_names=(), repeat=None, conn=None, await_continue=False):
    """An exchange. ctype is the Content-Type sent (None: none). raw replaces the whole
    request head (request line and headers, {{host}} for the Host value). await_continue: send
    the head (with Expect: 100-continue), read the interim answer, only then send the body.
    repeat=(char, count) appends count copies of char to the body (for huge values)."""
    return dict(kind="exchange", name=name, method=method, target=target, body=body,
                ctype=ctype, headers=list(headers), raw=raw, time_paths=list(time_paths),
                check=check, metric_names=list(metric_names), repeat=repeat, conn=conn,
                await_continue=await_continue)


def FORM(name, method, target, body, **kw):
    return X(name, method, target, body=body, ctype="application/x-www-form-urlencoded", **kw)


def WOPEN(name, watch, target):
    return dict(kind="watchOpen", name=name, watch=watch, target=target)


def WEVENT(name, watch):
    return dict(kind="watchEvent", name=name, watch=watch)


def WCLOSE(name, watch):
    return dict(kind="watchClose", name=name, watch=watch)


def PIPELINE(name, *requests):
    """requests: X(...) steps (only their request parts are used)."""
    return dict(kind="pipeline", name=name, requests=list(requests))


def BULK(name, count, method, target_template):
    return dict(kind="bulk", name=name, count=count, method=method, target=target_template)


# ---- running a step ------------------------------------------------------------------------

class Runner:
    """Runs steps against one etcd. Single-threaded: owns every connection it opens."""

    def __init__(self, host, port):
        self.host = host
        self.port = port
        self.watches = {}  # watch name -> (Connection, is_stream)
        self.results = {}  # step name -> recorded step (for later steps' targets)
        self.conns = {}  # keep-alive connection name -> Connection

    def _send(self, conn, head, body_bytes):
        conn.send(head.replace("{{host}}", "%s:%d" % (self.host, self.port)).encode("utf-8")
                  + body_bytes)

    def run(self, scenario_name, step):
        kind = step["kind"]
        out = {"kind": kind, "name": step["name"]}
        if kind == "exchange":
            out.update(self._exchange(step))
        elif kind == "watchOpen":
            out.update(self._watch_open(step))
        elif kind == "watchEvent":
            out.update(self._watch_event(step))
        elif kind == "watchClose":
            conn, _ = self.watches.pop(step["watch"])
            conn.close()
            out["watch"] = step["watch"]
        elif kind == "bulk":
            out.update(self._bulk(step))
        elif kind == "pipeline":
            out.update(self._pipeline(step))
        else:
            raise ValueError(kind)
        self.results[step["name"]] = out
        return out

    def _request(self, step):
        target = _target(step["target"], self.results)
        body = step.get("body")
        ctype = step.get("ctype")
        repeat = step.get("repeat")
        full_body = (body or "") + (repeat[0] * repeat[1] if repeat else "")
        if step.get("raw") is not None:
            head = step["raw"]
        else:
            head = _build_request(step["method"], target, full_body if (body is not None or repeat) else None,
                                  ctype, step.get("headers", ()))
        req = {"head": head, "body": body or ""}
        if repeat:
            req["bodyRepeat"] = {"char": repeat[0], "count": repeat[1]}
        if step.get("await_continue"):
            req["awaitContinue"] = True
        method = head.split(" ", 1)[0]
        return req, method, full_body.encode("utf-8")

    def close_connections(self):
        for conn in self.conns.values():
            conn.close()
        self.conns = {}

    def _exchange(self, step):
        req, method, body_bytes = self._request(step)
        name = step.get("conn")
        if name is not None and name not in self.conns:
            self.conns[name] = Connection(self.host, self.port)
        conn = self.conns[name] if name is not None else Connection(self.host, self.port)
        try:
            interim = []
            if req.get("awaitContinue"):
                self._send(conn, req["head"], b"")
                status, _, _ = conn.read_head()
                interim.append(status)
                self._send(conn, "", body_bytes)
            else:
                self._send(conn, req["head"], body_bytes)
            try:
                status, reason, headers = conn.read_head()
                while 100 <= status < 200:  # interim answers (100 Continue) precede the real one
                    interim.append(status)
                    status, reason, headers = conn.read_head()
            except WireError:
                if conn.buf:
                    raise
                # The server closed the connection without answering (e.g. no protocol matched).
                return {"request": req, "response": {"closedWithoutResponse": True},
                        "check": "closed", "unorderedNodes": False,
                        "timeDependent": {"headers": [], "fieldNames": [], "paths": []}}
            body = read_body(conn, method, status, headers)
        finally:
            if name is None:
                conn.close()
        resp = {"status": status, "reason": reason, "headers": headers}
        if interim:
            resp["interim"] = interim
        out = {"request": req, "response": resp, "check": step.get("check", "exact")}
        if name is not None:
            out["conn"] = name
        if step.get("check") == "metrics":
            text = body.decode("utf-8", "replace")
            names = step["metric_names"]
            missing = [n for n in names if n not in text]
            if missing:
                raise AssertionError("etcd /metrics lacks %s" % missing)
            out["metricNames"] = names
            resp["body"] = "<not recorded: metrics text>"
        else:
            resp["body"] = body.decode("utf-8", "replace")
            parsed = _maybe_json(resp["body"])
            if parsed is not None:
                resp["json"] = parsed
        out["unorderedNodes"] = "sorted=true" not in req["head"].split("\r\n", 1)[0]
        out["timeDependent"] = {"headers": TIME_HEADERS, "fieldNames": TIME_FIELD_NAMES,
                                "paths": step.get("time_paths", [])}
        return out

    def _watch_open(self, step):
        target = _target(step["target"], self.results)
        head = _build_request("GET", target, None, None, ())
        conn = Connection(self.host, self.port)
        self._send(conn, head, b"")
        status, reason, headers = conn.read_head()
        stream = "stream=true" in target
        self.watches[step["watch"]] = (conn, stream)
        return {"watch": step["watch"], "request": {"head": head, "body": ""},
                "response": {"status": status, "reason": reason, "headers": headers},
                "stream": stream,
                "timeDependent": {"headers": TIME_HEADERS, "fieldNames": [], "paths": []}}

    def _watch_event(self, step):
        conn, stream = self.watches[step["watch"]]
        event, chunks = read_json_event(conn)
        ends = False
        if not stream:
            if conn.read_chunk() != b"":
                raise AssertionError("long-poll watch sent more after its event")
            ends = True
            conn.close()
            del self.watches[step["watch"]]
        return {"watch": step["watch"], "event": event, "chunks": chunks, "endsAfterEvent": ends,
                "unorderedNodes": True,
                "timeDependent": {"headers": [], "fieldNames": TIME_FIELD_NAMES, "paths": []}}

    def _pipeline(self, step):
        built = [self._request(r) for r in step["requests"]]
        conn = Connection(self.host, self.port)
        try:
            wire = b"".join(req["head"].replace("{{host}}", "%s:%d" % (self.host, self.port)).encode("utf-8")
                            + body for req, _, body in built)
            conn.send(wire)
            answers = []
            for req, method, _ in built:
                status, reason, headers = conn.read_head()
                body = read_body(conn, method, status, headers).decode("utf-8", "replace")
                resp = {"status": status, "reason": reason, "headers": headers, "body": body}
                parsed = _maybe_json(body)
                if parsed is not None:
                    resp["json"] = parsed
                answers.append(resp)
        finally:
            conn.close()
        return {"requests": [req for req, _, _ in built], "responses": answers, "unorderedNodes": True,
                "timeDependent": {"headers": TIME_HEADERS, "fieldNames": TIME_FIELD_NAMES, "paths": []}}

    def _bulk(self, step):
        last = None
        for i in range(1, step["count"] + 1):
            sub = X(step["name"], step["method"], step["target"].replace("{{i}}", str(i)))
            last = self._exchange(sub)
            if last["response"]["status"] >= 300:
                raise AssertionError("bulk request %d failed: %s" % (i, last["response"]))
        head = _build_request(step["method"], step["target"], None, None, ())
        return {"count": step["count"], "request": {"head": head, "body": ""},
                "lastResponse": last["response"], "timeDependent": last["timeDependent"],
                "unorderedNodes": True}


def _maybe_json(text):
    t = text.strip()
    if not t or t[0] not in "{[":
        return None
    try:
        return json.loads(t)
    except ValueError:
        return None
