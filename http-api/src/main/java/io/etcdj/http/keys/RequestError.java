package io.etcdj.http.keys;

import io.etcdj.http.GoJson;

import java.nio.charset.StandardCharsets;

/**
 * An etcd v2 error produced by the HTTP layer itself (bad parameters, Raft failures), as etcd's
 * v2error.Error: {@code {"errorCode":..,"message":..,"cause":..,"index":..}}. Store errors come
 * as {@link io.etcdj.kvstore.StoreError} instead; this type covers the codes the store never
 * produces, so the HTTP layer does not depend on how the store names them.
 */
record RequestError(int code, String message, String cause, long index, int httpStatus) {
  static final int INVALID_FIELD = 209;

  static RequestError prevValueRequired(String cause) {
    return new RequestError(201, "PrevValue is Required in POST form", cause, 0, 400);
  }

  static RequestError ttlNaN(String cause) {
    return new RequestError(202, "The given TTL in POST form is not a number", cause, 0, 400);
  }

  static RequestError indexNaN(String cause) {
    return new RequestError(203, "The given index in POST form is not a number", cause, 0, 400);
  }

  static RequestError invalidField(String cause) {
    return new RequestError(INVALID_FIELD, "Invalid field", cause, 0, 400);
  }

  static RequestError invalidForm(String cause) {
    return new RequestError(210, "Invalid POST form", cause, 0, 400);
  }

  static RequestError refreshValue(String cause) {
    return new RequestError(211, "Value provided on refresh", cause, 0, 400);
  }

  static RequestError refreshTtlRequired(String cause) {
    return new RequestError(212, "A TTL must be provided on refresh", cause, 0, 400);
  }

  /** What etcd answers when a proposal or read cannot complete (timeout, no leader, stopping). */
  static RequestError raftInternal(String cause) {
    return new RequestError(300, "Raft Internal Error", cause, 0, 500);
  }

  /**
   * Our own failure while serving a request (a bug, logged): answered as a client error in
   * etcd's shape rather than a 500 or a dropped connection, which is what Go's server would do
   * after a handler panic.
   */
  static RequestError unexpected(Throwable t) {
    return new RequestError(210, "Invalid POST form", "unexpected error: " + t.getClass().getSimpleName(), 0, 400);
  }

  /** etcd's body: Go's json.Marshal of v2error.Error (cause omitted when empty) plus a newline. */
  byte[] toJson() {
    StringBuilder b = new StringBuilder(96 + cause.length());
    b.append("{\"errorCode\":").append(code).append(",\"message\":");
    GoJson.appendQuoted(b, message);
    if (!cause.isEmpty()) {
      b.append(",\"cause\":");
      GoJson.appendQuoted(b, cause);
    }
    b.append(",\"index\":").append(index).append("}\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
