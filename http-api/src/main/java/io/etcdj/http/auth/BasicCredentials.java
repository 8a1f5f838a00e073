package io.etcdj.http.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An Authorization header read as Go's Request.BasicAuth reads it (etcd 3.4.23 is built with Go 1.19). */
record BasicCredentials(String user, String password) {
  private static final String PREFIX = "Basic ";

  /** The user and password, or null when the header is not Basic credentials Go accepts. */
  static BasicCredentials parse(String header) {
    if (header == null || header.length() < PREFIX.length()
        || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    // Go's StdEncoding: padding required (Java's decoder would do without), CR and LF skipped
    String encoded = header.substring(PREFIX.length());
    if (encoded.indexOf('\r') >= 0 || encoded.indexOf('\n') >= 0) {
      encoded = encoded.replace("\r", "").replace("\n", "");
    }
    if (encoded.length() % 4 != 0) {
      return null;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String text = new String(decoded, StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    return colon < 0 ? null : new BasicCredentials(text.substring(0, colon), text.substring(colon + 1));
  }
}
