package io.etcdj.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;

/**
 * The checks Go's HTTP server makes of a request's Host header before etcd sees the request,
 * with the answers etcd 3.4.23 gave for them: more than one Host header is a plain 400; an
 * HTTP/1.1 request (not CONNECT) without one is "missing required Host header"; a Host with a
 * byte that can appear in no host or port (a space, a slash, a control byte...) is "malformed
 * Host header" (answered by {@link io.etcdj.http.keys.GoRefusal}). An empty Host is accepted, as
 * Go accepts it. Stateless.
 */
public final class HostHeaderRule {
  private static final boolean[] HOST_BYTE = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      HOST_BYTE[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      HOST_BYTE[c] = true;
      HOST_BYTE[c - 'a' + 'A'] = true;
    }
    // RFC 3986's sub-delims, unreserved marks, pct-encoding, IP literals and the port's colon
    for (char c : "!$%&'()*+,-.:;=[]_~".toCharArray()) {
      HOST_BYTE[c] = true;
    }
  }

  private HostHeaderRule() {}

  /** Go's reason for refusing {@code request} ("" for a bare 400), or null when it passes. */
  public static String refusal(HttpRequest request) {
    List<String> hosts = request.headers().getAll("Host");
    return refusal(request.protocolVersion(), request.method(), hosts.size(), hosts.isEmpty() ? null : hosts.get(0));
  }

  /** The same, from a request's version, method, and its Host headers' count and first value. */
  public static String refusal(HttpVersion version, HttpMethod method, int hostCount, String host) {
    if (hostCount > 1) {
      return "";
    }
    if (hostCount == 0) {
      boolean http11 = version.compareTo(HttpVersion.HTTP_1_1) >= 0;
      return http11 && !method.equals(HttpMethod.CONNECT) ? "missing required Host header" : null;
    }
    return valid(host) ? null : "malformed Host header";
  }

  private static boolean valid(String host) {
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c >= 128 || !HOST_BYTE[c]) {
        return false;
      }
    }
    return true;
  }

}
