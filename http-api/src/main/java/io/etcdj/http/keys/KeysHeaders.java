package io.etcdj.http.keys;

import io.netty.util.AsciiString;

/** Header names and fixed values as etcd 3.4 writes them (Go's canonical header casing). */
final class KeysHeaders {
  static final AsciiString ACAO_HEADERS = AsciiString.cached("Access-Control-Allow-Headers");
  static final AsciiString ACAO_HEADERS_VALUE = AsciiString.cached("accept, content-type, authorization");
  static final AsciiString ACAO_METHODS = AsciiString.cached("Access-Control-Allow-Methods");
  static final AsciiString ACAO_METHODS_VALUE = AsciiString.cached("POST, GET, OPTIONS, PUT, DELETE");
  static final AsciiString ACAO_ORIGIN = AsciiString.cached("Access-Control-Allow-Origin");
  static final AsciiString ACAO_ORIGIN_VALUE = AsciiString.cached("*");
  static final AsciiString ALLOW = AsciiString.cached("Allow");
  static final AsciiString ALLOW_VALUE = AsciiString.cached("HEAD,GET,PUT,POST,DELETE");
  static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
  static final AsciiString JSON = AsciiString.cached("application/json");
  static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");
  static final AsciiString TEXT_HTML = AsciiString.cached("text/html; charset=utf-8");
  static final AsciiString LOCATION = AsciiString.cached("Location");
  static final AsciiString NOSNIFF_NAME = AsciiString.cached("X-Content-Type-Options");
  static final AsciiString NOSNIFF = AsciiString.cached("nosniff");
  static final AsciiString CLUSTER_ID = AsciiString.cached("X-Etcd-Cluster-Id");
  static final AsciiString ETCD_INDEX = AsciiString.cached("X-Etcd-Index");
  static final AsciiString RAFT_INDEX = AsciiString.cached("X-Raft-Index");
  static final AsciiString RAFT_TERM = AsciiString.cached("X-Raft-Term");
  static final AsciiString DATE = AsciiString.cached("Date");
  static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
  static final AsciiString TRANSFER_ENCODING = AsciiString.cached("Transfer-Encoding");
  static final AsciiString CHUNKED = AsciiString.cached("chunked");
  static final AsciiString CONNECTION = AsciiString.cached("Connection");
  static final AsciiString CLOSE = AsciiString.cached("close");
  static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");

  private KeysHeaders() {}
}
