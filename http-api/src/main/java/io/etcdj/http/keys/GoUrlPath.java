package io.etcdj.http.keys;


/** Go's url.PathEscape rules as url.URL.String() applies them to a path (encodePath mode). */
public final class GoUrlPath {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private GoUrlPath() {}

  /** The decoded {@code rawPath} (Go's url.PathUnescape, bytes as {@link io.etcdj.kvstore.GoBytes}); null on a bad escape. */
  public static String unescape(String rawPath) {
    try {
      return UrlUnescaper.pathUnescape(rawPath);
    } catch (MalformedFormException e) {
      return null;
    }
  }

  /** Escapes the UTF-8 bytes of the decoded {@code path}. */
  public static String escape(String path) {
    boolean plain = true;
    for (int i = 0; i < path.length() && plain; i++) {
      plain = !shouldEscape(path.charAt(i));
    }
    if (plain) {
      return path;
    }
    StringBuilder b = new StringBuilder(path.length() + 16);
    for (byte by : io.etcdj.kvstore.GoBytes.encode(path)) {
      char c = (char) (by & 0xff);
      if (shouldEscape(c)) {
        b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean shouldEscape(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return false;
    }
    return switch (c) {
      case '-', '_', '.', '~', '$', '&', '+', ',', '/', ':', ';', '=', '@' -> false;
      default -> true;
    };
  }
}
