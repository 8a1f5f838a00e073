package io.etcdj.kvstore;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 that keeps unpaired surrogates as 3-byte sequences (WTF-8) instead of replacing them,
 * so every Java string survives the round trip: the log's commands, the snapshots and the tree's
 * names and values all hold strings this way. Byte order of the encoding is code point order
 * (Go's string order for valid UTF-8). Stateless.
 */
final class Wtf8 {
  private Wtf8() {}

  /** The encoding of {@code s}. */
  static byte[] encode(String s) {
    // Keys and values are nearly always ASCII: let the JDK's intrinsic encoder do those in bulk.
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (utf8.length == s.length() && noReplacedSurrogates(s, utf8)) {
      return utf8;
    }
    byte[] out = new byte[length(s, 0, s.length())];
    encode(s, 0, s.length(), out, 0);
    return out;
  }

  /**
   * Writes the {@code size} bytes {@code s} encodes to (as {@link #length} counted them) into
   * {@code out} at {@code pos}; returns the position after them. Encoding in place spares the
   * caller the temporary array of {@link #encode(String)}: on the write path every PUT's value
   * would otherwise be copied twice more before it reaches the log or the tree.
   */
  @SuppressWarnings("deprecation")
  static int encodeInto(String s, byte[] out, int pos, int size) {
    if (size == s.length()) {
      // as many bytes as chars means every char is ASCII: the JDK copies those in bulk
      s.getBytes(0, size, out, pos);
      return pos + size;
    }
    return encode(s, 0, s.length(), out, pos);
  }

  /** How many bytes {@code s[from, to)} encodes to. */
  static int length(String s, int from, int to) {
    int size = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        size += 1;
      } else if (c < 0x800) {
        size += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        size += 4;
        i++;
      } else {
        size += 3;
      }
    }
    return size;
  }

  /** Encodes {@code s[from, to)} into {@code out} at {@code pos}; returns the position after it. */
  static int encode(String s, int from, int to, byte[] out, int pos) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[pos++] = (byte) c;
      } else if (c < 0x800) {
        out[pos++] = (byte) (0xC0 | (c >> 6));
        out[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out[pos++] = (byte) (0xF0 | (cp >> 18));
        out[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[pos++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        out[pos++] = (byte) (0xE0 | (c >> 12));
        out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[pos++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return pos;
  }

  /**
   * With as many bytes as chars, each char became one byte: ASCII, or a lone surrogate that the
   * JDK replaced by '?'. Only the second kind needs the slow path (it must survive as WTF-8).
   */
  private static boolean noReplacedSurrogates(String s, byte[] utf8) {
    for (int i = 0; i < utf8.length; i++) {
      if (utf8[i] == '?' && s.charAt(i) != '?') {
        return false;
      }
    }
    return true;
  }

  /** The string {@code buf[from, from + size)} encodes; IllegalArgumentException if truncated. */
  static String decode(byte[] buf, int from, int size) {
    int end = from + size;
    boolean ascii = true;
    for (int i = from; i < end; i++) {
      if (buf[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(buf, from, size, StandardCharsets.ISO_8859_1);
    }
    StringBuilder sb = new StringBuilder(size);
    int pos = from;
    while (pos < end) {
      int b = buf[pos++] & 0xFF;
      if (b < 0x80) {
        sb.append((char) b);
      } else if (b < 0xE0) {
        sb.append((char) (((b & 0x1F) << 6) | continuation(buf, pos++, end)));
      } else if (b < 0xF0) {
        int hi = continuation(buf, pos++, end);
        sb.append((char) (((b & 0x0F) << 12) | (hi << 6) | continuation(buf, pos++, end)));
      } else {
        int b2 = continuation(buf, pos++, end);
        int b3 = continuation(buf, pos++, end);
        int cp = ((b & 0x07) << 18) | (b2 << 12) | (b3 << 6) | continuation(buf, pos++, end);
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }

  private static int continuation(byte[] buf, int pos, int end) {
    if (pos >= end) {
      throw new IllegalArgumentException("truncated UTF-8 at " + pos);
    }
    return buf[pos] & 0x3F;
  }

  /**
   * Compares {@code bytes[from, to)} with the encoding of {@code s[sFrom, sTo)}, byte by byte
   * (unsigned), without encoding the string when it is ASCII (the usual case): the tree looks up
   * each segment of a request's path this way.
   */
  static int compare(byte[] bytes, int from, int to, String s, int sFrom, int sTo) {
    int i = from;
    int j = sFrom;
    while (i < to && j < sTo) {
      char c = s.charAt(j);
      if (c >= 0x80) {
        byte[] rest = new byte[length(s, j, sTo)];
        encode(s, j, sTo, rest, 0);
        return compare(bytes, i, to, rest, 0, rest.length);
      }
      int b = bytes[i] & 0xFF;
      if (b != c) {
        return b - c;
      }
      i++;
      j++;
    }
    if (j < sTo) {
      return -1;
    }
    return i < to ? 1 : 0;
  }

  /** Unsigned lexicographic order of two byte ranges. */
  static int compare(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
    return java.util.Arrays.compareUnsigned(a, aFrom, aTo, b, bFrom, bTo);
  }
}
