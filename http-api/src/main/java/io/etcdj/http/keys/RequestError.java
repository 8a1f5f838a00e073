package io.etcdj.http.keys;

import io.etcdj.http.GoJson;
import io.etcdj.kvstore.ErrorCode;

import java.nio.charset.StandardCharsets;

/**
 * An etcd v2 error produced by the HTTP layer itself (bad parameters, Raft failures), as etcd's
 * v2error.Error: {@code {"errorCode":..,"message":..,"cause":..,"index":..}}. Store errors come
 * as {@link io.etcdj.kvstore.StoreError} instead; this type covers the codes the store never
 * produces. Codes, messages and statuses come from the one catalogue, {@link ErrorCode}.
 */
record RequestError(int code, String message, String cause, long index, int httpStatus) {
  static final int INVALID_FIELD = ErrorCode.INVALID_FIELD.code;

  private static RequestError of(ErrorCode code, String cause) {
    return new RequestError(code.code, code.message, cause, 0, code.httpStatus);
  }

  static RequestError prevValueRequired(String cause) {
    return of(ErrorCode.PREV_VALUE_REQUIRED, cause);
  }

  static RequestError ttlNaN(String cause) {
    return of(ErrorCode.TTL_NAN, cause);
  }

  static RequestError indexNaN(String cause) {
    return of(ErrorCode.INDEX_NAN, cause);
  }

  static RequestError invalidField(String cause) {
    return of(ErrorCode.INVALID_FIELD, cause);
  }

  static RequestError invalidForm(String cause) {
    return of(ErrorCode.INVALID_FORM, cause);
  }

  static RequestError refreshValue(String cause) {
    return of(ErrorCode.REFRESH_VALUE, cause);
  }

  static RequestError refreshTtlRequired(String cause) {
    return of(ErrorCode.REFRESH_TTL_REQUIRED, cause);
  }

  /** What etcd answers when a proposal or read cannot complete (timeout, no leader, stopping). */
  static RequestError raftInternal(String cause) {
    return of(ErrorCode.RAFT_INTERNAL, cause);
  }

  /**
   * Our own failure while serving a request (a bug, logged): answered as a client error in
   * etcd's shape rather than a 500 or a dropped connection, which is what Go's server would do
   * after a handler panic.
   */
  static RequestError unexpected(Throwable t) {
    return of(ErrorCode.INVALID_FORM, "unexpected error: " + t.getClass().getSimpleName());
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
