package io.etcdj.http.keys;


/** Go's url.PathEscape rules as url.URL.String() applies them to a path (encodePath mode). */
final class GoUrlPath {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private GoUrlPath() {}

  /** Escapes the UTF-8 bytes of the decoded {@code path}. */
  static String escape(String path) {
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
