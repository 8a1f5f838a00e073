package io.etcdj.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the path and query (or form body) of a /v2/keys request. Not thread-safe: one per
 * request, on the caller's thread.
 */
final class KeysQuery {
  private final StringBuilder params = new StringBuilder();

  /** {@code /v2/keys/<key>} with each segment percent-encoded; a key without a leading '/' gets one. */
  static String keysPath(String key) {
    StringBuilder sb = new StringBuilder("/v2/keys");
    String k = key.startsWith("/") ? key : "/" + key;
    int start = 1;
    sb.append('/');
    while (start <= k.length()) {
      int slash = k.indexOf('/', start);
      int end = slash < 0 ? k.length() : slash;
      sb.append(encode(k.substring(start, end)));
      if (slash < 0) break;
      sb.append('/');
      start = slash + 1;
    }
    return sb.toString();
  }

  KeysQuery add(String name, String value) {
    if (params.length() > 0) params.append('&');
    params.append(encode(name)).append('=').append(encode(value));
    return this;
  }

  KeysQuery addIf(boolean condition, String name, String value) {
    return condition ? add(name, value) : this;
  }

  KeysQuery ttl(long ttlSeconds) {
    return addIf(ttlSeconds > 0, "ttl", Long.toString(ttlSeconds));
  }

  /** The parameters as {@code a=1&b=2} (a query string without '?', or a form body). */
  String encoded() { return params.toString(); }

  /** {@code path} plus {@code ?params} when there are any. */
  String appendTo(String path) {
    return params.length() == 0 ? path : path + "?" + params;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
