package io.etcdj.http.keys;

import io.etcdj.kvstore.GoBytes;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding with Go's net/url rules and error messages: {@code QueryUnescape} ('+' is a
 * space) for forms and {@code PathUnescape} ('+' stays) for the URL path. Decoded bytes become a
 * string as {@link GoBytes} says: bytes that are not UTF-8 stay distinct bytes, as in etcd.
 */
final class UrlUnescaper {
  private UrlUnescaper() {}

  static String queryUnescape(CharSequence s, int from, int to) throws MalformedFormException {
    return unescape(s, from, to, true);
  }

  static String pathUnescape(String s) throws MalformedFormException {
    return unescape(s, 0, s.length(), false);
  }

  private static String unescape(CharSequence s, int from, int to, boolean plusIsSpace)
      throws MalformedFormException {
    boolean plain = true;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= to || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
          throw escapeError(s, i, to);
        }
        plain = false;
        i += 2;
      } else if ((c == '+' && plusIsSpace) || c >= 0x80) {
        plain = false;
      }
    }
    if (plain) {
      return s.subSequence(from, to).toString(); // a String's own substring; a FormBody's copy
    }
    // Input strings hold one char per wire byte (ISO-8859-1, as Netty reads the request line).
    byte[] out = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        out[n++] = (byte) ((hex(s.charAt(i + 1)) << 4) | hex(s.charAt(i + 2)));
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        out[n++] = ' ';
      } else {
        out[n++] = (byte) c;
      }
    }
    return GoBytes.decode(out, 0, n);
  }

  /** Go's EscapeError: the offending "%xy", at most three characters, quoted as strconv.Quote does. */
  private static MalformedFormException escapeError(CharSequence s, int at, int to) {
    String bad = s.subSequence(at, Math.min(to, at + 3)).toString();
    return new MalformedFormException("invalid URL escape "
        + GoQuote.quoteBytes(bad.getBytes(StandardCharsets.ISO_8859_1)));
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
