package io.etcdj.http.auth;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A refusal etcd's auth store answers (v2auth's Error, or an HTTPError of its handlers): the
 * status and the message, written as {@code {"message":...}}. Messages are etcd's own, recorded in
 * etcd-fixtures/auth/.
 */
final class AuthFailure extends Exception {
  private final HttpResponseStatus status;

  AuthFailure(HttpResponseStatus status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  HttpResponseStatus status() { return status; }

  /** v2auth's authErr: the message gets etcd's "auth: " prefix. */
  static AuthFailure auth(HttpResponseStatus status, String message) {
    return new AuthFailure(status, "auth: " + message);
  }

  static AuthFailure conflict(String message) {
    return auth(HttpResponseStatus.CONFLICT, message);
  }

  static AuthFailure notFound(String message) {
    return auth(HttpResponseStatus.NOT_FOUND, message);
  }

  static AuthFailure badRequest(String message) {
    return new AuthFailure(HttpResponseStatus.BAD_REQUEST, message);
  }
}
