package io.etcdj.http.auth;

import io.etcdj.http.GoJson;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What a /v2/auth request answers once past the routing and access checks: etcd then always
 * sends Content-Type application/json and X-Etcd-Cluster-Id. {@code body} is exact, "" for none
 * (a successful DELETE or enable); Go's json.Encoder ends a value with a newline, its error
 * writer does not.
 */
public record AuthAnswer(HttpResponseStatus status, String body) {
  static AuthAnswer ok(String json) {
    return new AuthAnswer(HttpResponseStatus.OK, json + "\n");
  }

  static AuthAnswer created(String json) {
    return new AuthAnswer(HttpResponseStatus.CREATED, json + "\n");
  }

  static AuthAnswer empty() {
    return new AuthAnswer(HttpResponseStatus.OK, "");
  }

  static AuthAnswer of(AuthFailure failure) {
    StringBuilder b = new StringBuilder("{\"message\":");
    GoJson.appendQuoted(b, failure.getMessage());
    return new AuthAnswer(failure.status(), b.append('}').toString());
  }
}
