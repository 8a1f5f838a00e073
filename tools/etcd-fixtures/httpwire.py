"""Raw HTTP/1.1 over a socket, so the recorder can send any bytes (malformed requests included)
and see exactly what etcd answers: status line, every header in order, the body, and for
watches the chunks as they arrive. python3 stdlib only."""

import json
import socket

READ_TIMEOUT_S = 15.0


class WireError(Exception):
    pass


class Connection:
    """One TCP connection to the server. Owned by the recorder's single thread."""

    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port), timeout=READ_TIMEOUT_S)
        self.buf = b""
        self.eof = False

    def send(self, data):
        self.sock.sendall(data)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def _fill(self):
        if self.eof:
            return False
        try:
            data = self.sock.recv(65536)
        except ConnectionResetError:
            data = b""
        if not data:
            self.eof = True
            return False
        self.buf += data
        return True

    def read_line(self):
        while b"\r\n" not in self.buf:
            if not self._fill():
                raise WireError("connection closed before end of line; got %r" % self.buf[:200])
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def read_exact(self, n):
        while len(self.buf) < n:
            if not self._fill():
                raise WireError("connection closed after %d of %d bytes" % (len(self.buf), n))
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def read_to_eof(self):
        while self._fill():
            pass
        data, self.buf = self.buf, b""
        return data

    def read_head(self):
        """Status line and headers. Returns (status, reason, [[name, value], ...])."""
        status_line = self.read_line().decode("latin-1")
        parts = status_line.split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/"):
            raise WireError("bad status line %r" % status_line)
        status = int(parts[1])
        reason = parts[2] if len(parts) > 2 else ""
        headers = []
        while True:
            line = self.read_line().decode("latin-1")
            if line == "":
                break
            name, _, value = line.partition(":")
            headers.append([name.strip(), value.strip()])
        return status, reason, headers

    def read_chunk(self):
        """One chunk of a chunked body; b"" for the terminating chunk (trailers consumed)."""
        size_line = self.read_line().decode("latin-1")
        size = int(size_line.split(";", 1)[0].strip(), 16)
        if size == 0:
            while self.read_line() != b"":
                pass
            return b""
        data = self.read_exact(size)
        if self.read_exact(2) != b"\r\n":
            raise WireError("chunk not followed by CRLF")
        return data


def header(headers, name):
    for n, v in headers:
        if n.lower() == name.lower():
            return v
    return None


def read_body(conn, method, status, headers):
    """The whole body, framed as RFC 9112 says (no body for HEAD, 204, 304)."""
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        return b""
    te = header(headers, "Transfer-Encoding")
    if te is not None and "chunked" in te.lower():
        body = b""
        while True:
            chunk = conn.read_chunk()
            if chunk == b"":
                return body
            body += chunk
    cl = header(headers, "Content-Length")
    if cl is not None:
        return conn.read_exact(int(cl))
    return conn.read_to_eof()


def read_json_event(conn):
    """Reads chunks until they hold one complete JSON value. Returns (value, [chunk texts])."""
    acc = b""
    chunks = []
    while True:
        chunk = conn.read_chunk()
        if chunk == b"":
            raise WireError("watch body ended before an event; got %r" % acc)
        chunks.append(chunk.decode("utf-8", "replace"))
        acc += chunk
        try:
            return json.loads(acc.decode("utf-8")), chunks
        except ValueError:
            continue
