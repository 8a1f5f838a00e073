package io.etcdj.http.keys;

/**
 * The character rules Go's HTTP server applies while reading a request: tokens (httpguts),
 * field values, textproto's trimming, strconv.ParseUint for lengths, the request target
 * url.ParseRequestURI accepts, and header token lists. Stateless.
 */
final class GoHttpSyntax {
  private static final boolean[] TOKEN = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TOKEN[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TOKEN[c] = true;
      TOKEN[c - 'a' + 'A'] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TOKEN[c] = true;
    }
  }

  private GoHttpSyntax() {}

  static boolean isTokenByte(byte b) {
    return b >= 0 && TOKEN[b];
  }

  /** httpguts.ValidHeaderFieldValue: no control byte but tab (bytes from 0x80 up are fine). */
  static boolean isFieldValue(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if ((c < ' ' && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether url.ParseRequestURI takes {@code target}: no control byte; "*"; an absolute URL (a
   * scheme, then anything); or a path from the root. (CONNECT's bare authority is an absolute
   * URL to Go, which prefixes "http://".) Percent escapes are checked later, by the handler's
   * own decoding, which gives the same bare 400.
   */
  static boolean isRequestTarget(String target, boolean connect) {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c < ' ' || c == 0x7f) {
        return false;
      }
    }
    if (target.equals("*") || target.startsWith("/") || (connect && !target.isEmpty())) {
      return true;
    }
    return schemeLength(target) > 0;
  }

  /** Go's getScheme: letters first, then letters, digits, '+', '-', '.', up to a ':'; 0 when none. */
  private static int schemeLength(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (letter) {
        continue;
      }
      if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          return 0;
        }
        continue;
      }
      if (c == ':') {
        return i; // ":..." (no scheme) is Go's "missing protocol scheme"
      }
      return 0;
    }
    return 0;
  }

  /** textproto's trim: spaces and tabs off both ends. */
  static String trim(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return s.substring(from, to);
  }

  static String trimLeft(String s) {
    int from = 0;
    while (from < s.length() && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    return s.substring(from);
  }

  static boolean isAsciiSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  /** textproto.TrimString: ASCII space off both ends. */
  static String trimString(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isAsciiSpace((byte) s.charAt(from))) {
      from++;
    }
    while (to > from && isAsciiSpace((byte) s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  /** strconv.ParseUint(s, 10, 63): decimal digits only; -1 when it fails. */
  static long parseLength(String s) {
    if (s.isEmpty()) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      if (n > (Long.MAX_VALUE - (c - '0')) / 10) {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  /** Go's hasToken: {@code token} appears in the comma list {@code v}, any case, spaces around. */
  static boolean hasToken(String v, String token) {
    if (token.length() > v.length()) {
      return false;
    }
    if (v.equalsIgnoreCase(token)) {
      return true;
    }
    for (int sp = 0; sp <= v.length() - token.length(); sp++) {
      char b = v.charAt(sp);
      if (b != token.charAt(0) && (b | 0x20) != token.charAt(0)) {
        continue;
      }
      if (sp > 0 && !isTokenBoundary(v.charAt(sp - 1))) {
        continue;
      }
      int endPos = sp + token.length();
      if (endPos != v.length() && !isTokenBoundary(v.charAt(endPos))) {
        continue;
      }
      if (v.regionMatches(true, sp, token, 0, token.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTokenBoundary(char b) {
    return b == ' ' || b == ',' || b == '\t';
  }
}
