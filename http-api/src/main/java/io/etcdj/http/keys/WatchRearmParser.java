package io.etcdj.http.keys;

/**
 * The fast path for the request a v2 watcher sends after every event, e.g.
 * {@code GET /v2/keys/svc?wait=true&waitIndex=42&recursive=true}: one scan of the URI, no
 * decoding, no form map. It accepts only what needs neither unescaping nor cleaning (a plain key
 * path; the parameters wait=true, waitIndex as decimal digits, recursive and stream as true or
 * false, each at most once) and answers null for anything else, which then takes the general
 * path ({@link RequestTarget}, {@link KeyRequestParser}); on what it accepts, both give the same
 * request. Stateless; called on event loops.
 */
final class WatchRearmParser {
  private static final String PREFIX = "/v2/keys/";
  private static final int MAX_INDEX_DIGITS = 18; // fits a long, whatever the digits

  private WatchRearmParser() {}

  /** The watch {@code uri} asks for, or null when it is not a plain re-arm request. */
  static KeyRequest.Watch parse(String uri) {
    int query = uri.indexOf('?');
    if (query < 0 || !uri.startsWith(PREFIX) || !plainKeyPath(uri, PREFIX.length() - 1, query)) {
      return null;
    }
    boolean wait = false;
    boolean seenWait = false;
    boolean seenIndex = false;
    boolean seenRecursive = false;
    boolean seenStream = false;
    boolean recursive = false;
    boolean stream = false;
    long waitIndex = 0;
    int end = uri.length();
    for (int start = query + 1; start <= end; ) {
      int amp = uri.indexOf('&', start);
      int stop = amp < 0 ? end : amp;
      int eq = uri.indexOf('=', start);
      if (eq < 0 || eq >= stop) {
        return null;
      }
      int valueStart = eq + 1;
      if (uri.startsWith("wait", start) && eq == start + 4 && !seenWait) {
        seenWait = true;
        wait = isTrue(uri, valueStart, stop);
        if (!wait) {
          return null;
        }
      } else if (uri.startsWith("waitIndex", start) && eq == start + 9 && !seenIndex) {
        seenIndex = true;
        waitIndex = digits(uri, valueStart, stop);
        if (waitIndex < 0) {
          return null;
        }
      } else if (uri.startsWith("recursive", start) && eq == start + 9 && !seenRecursive) {
        seenRecursive = true;
        int b = bool(uri, valueStart, stop);
        if (b < 0) {
          return null;
        }
        recursive = b == 1;
      } else if (uri.startsWith("stream", start) && eq == start + 6 && !seenStream) {
        seenStream = true;
        int b = bool(uri, valueStart, stop);
        if (b < 0) {
          return null;
        }
        stream = b == 1;
      } else {
        return null;
      }
      start = stop + 1;
    }
    if (!wait) {
      return null;
    }
    String keyPath = uri.substring(PREFIX.length() - 1, query);
    return new KeyRequest.Watch(KeyRequestParser.KEYS_PREFIX + keyPath, recursive, stream, waitIndex);
  }

  /**
   * Whether uri[from, to) is "/" followed by segments of [A-Za-z0-9._-], none empty, "." or "..",
   * with no trailing slash: a path that decoding and cleaning leave as it is.
   */
  private static boolean plainKeyPath(String uri, int from, int to) {
    if (to - from < 2) {
      return false;
    }
    int segmentStart = from + 1;
    for (int i = from + 1; i <= to; i++) {
      char c = i == to ? '/' : uri.charAt(i);
      if (c == '/') {
        int length = i - segmentStart;
        if (length == 0 || (length <= 2 && dots(uri, segmentStart, i))) {
          return false;
        }
        segmentStart = i + 1;
      } else if (!plainChar(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean dots(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean plainChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.';
  }

  private static boolean isTrue(String s, int from, int to) {
    return to - from == 4 && s.startsWith("true", from);
  }

  /** 1 for "true", 0 for "false", -1 for anything else. */
  private static int bool(String s, int from, int to) {
    if (isTrue(s, from, to)) {
      return 1;
    }
    return to - from == 5 && s.startsWith("false", from) ? 0 : -1;
  }

  /** The decimal value of s[from, to), or -1 unless it is 1 to 18 digits. */
  private static long digits(String s, int from, int to) {
    if (to == from || to - from > MAX_INDEX_DIGITS) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
