package io.etcdj.kvstore;

import java.util.Arrays;

/**
 * A growable byte buffer that writes JSON the way Go's encoding/json does (etcd's encoder), so our
 * bodies match etcd byte for byte: '<', '>', '&', U+2028 and U+2029 become backslash-u escapes, so
 * do control characters other than newline, CR and tab, and unpaired surrogates (Go: invalid UTF-8)
 * become the escaped U+FFFD. Confined to the thread that creates it.
 */
final class GoJsonWriter {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private byte[] buf;
  private int len;

  GoJsonWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  GoJsonWriter raw(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  /** Writes ASCII text verbatim (field names, punctuation). */
  GoJsonWriter raw(String ascii) {
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  /**
   * Writes the digits in place: every event has two or more indexes and a PUT's was a fresh
   * String each, a tenth of all a write allocated.
   */
  GoJsonWriter number(long v) {
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        return raw(Long.toString(v));
      }
      raw('-');
      v = -v;
    }
    int digits = 1;
    for (long p = 10; digits < 19 && v >= p; p *= 10) {
      digits++;
    }
    ensure(digits);
    for (int i = len + digits - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += digits;
    return this;
  }

  /** Go's %d of a uint64 stored in a long. */
  GoJsonWriter unsigned(long v) {
    return v >= 0 ? number(v) : raw(Long.toUnsignedString(v));
  }

  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exactly right for ASCII, and fast
  GoJsonWriter string(String s) {
    int n = s.length();
    ensure(n + 2);
    buf[len++] = '"';
    // Keys and values are nearly always plain ASCII: copy the run of characters that need no
    // escaping in one go (room for them was ensured above), then go char by char.
    int plain = 0;
    while (plain < n && isPlain(s.charAt(plain))) {
      plain++;
    }
    if (plain > 0) {
      s.getBytes(0, plain, buf, len); // each char is below 0x80, so its low byte is its UTF-8
      len += plain;
    }
    for (int i = plain; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&') {
          ensure(1);
          buf[len++] = (byte) c;
        } else {
          escapeAscii(c);
        }
      } else if (c < 0x800) {
        ensure(2);
        buf[len++] = (byte) (0xC0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        ensure(4);
        buf[len++] = (byte) (0xF0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        raw("\\ufffd");
      } else if (c == '\u2028' || c == '\u2029') {
        raw(c == '\u2028' ? "\\u2028" : "\\u2029");
      } else {
        ensure(3);
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    ensure(1);
    buf[len++] = '"';
    return this;
  }

  private static boolean isPlain(char c) {
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
  }

  private void escapeAscii(char c) {
    switch (c) {
      case '"' -> raw("\\\"");
      case '\\' -> raw("\\\\");
      case '\n' -> raw("\\n");
      case '\r' -> raw("\\r");
      case '\t' -> raw("\\t");
      default -> {
        ensure(6);
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = '0';
        buf[len++] = '0';
        buf[len++] = HEX[c >> 4];
        buf[len++] = HEX[c & 0xF];
      }
    }
  }

  byte[] toBytes() {
    return Arrays.copyOf(buf, len);
  }

  /** Starts over, keeping the buffer (a writer reused for many events). */
  GoJsonWriter reset() {
    len = 0;
    return this;
  }

  /** The bytes written so far are {@code buffer()[0, length())}; valid until the next write. */
  byte[] buffer() {
    return buf;
  }

  int length() {
    return len;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
