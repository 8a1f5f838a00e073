package io.etcdj.kvstore;

import java.nio.charset.StandardCharsets;

/**
 * Go strings are bytes; ours are UTF-16. A key or value etcd receives may hold bytes that are not
 * UTF-8 ({@code /v2/keys/%ff}), and two such keys must stay two keys. So bytes become a string
 * losslessly ("surrogateescape"): each valid UTF-8 sequence becomes its code point, and each byte
 * Go's utf8.DecodeRune rejects (one at a time, as Go steps over them) becomes the lone surrogate
 * U+DC80..U+DCFF holding that byte. Valid UTF-8 never decodes to a surrogate, so the mapping is
 * one to one; {@link Wtf8} stores lone surrogates as they are, and the JSON writers print each as
 * Go's encoding/json prints an invalid byte: {@code \ufffd}. Stateless.
 */
public final class GoBytes {
  private static final char ESCAPE_BASE = 0xDC00;

  private GoBytes() {}

  /** The string {@code bytes[from, to)} stands for. */
  public static String decode(byte[] bytes, int from, int to) {
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      if (bytes[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
    StringBuilder sb = new StringBuilder(to - from);
    int i = from;
    while (i < to) {
      int b = bytes[i] & 0xFF;
      int width = validSequence(bytes, i, to);
      if (width == 1 && b < 0x80) {
        sb.append((char) b);
      } else if (width > 1) {
        sb.append(new String(bytes, i, width, StandardCharsets.UTF_8));
      } else {
        sb.append((char) (ESCAPE_BASE + b));
      }
      i += width == 0 ? 1 : width;
    }
    return sb.toString();
  }

  /**
   * Whether {@code s.charAt(i)} stands for one raw byte that was not UTF-8: a low surrogate in
   * the escape range that is not the second half of a pair (a supplementary code point).
   */
  public static boolean isEscapedByte(String s, int i) {
    char c = s.charAt(i);
    return c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }

  /** The bytes {@code s} stands for: escaped bytes as themselves, everything else as UTF-8. */
  public static byte[] encode(String s) {
    boolean plain = true;
    for (int i = 0; i < s.length(); i++) {
      if (isEscapedByte(s, i)) {
        plain = false;
        break;
      }
    }
    if (plain) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length() + 8);
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isEscapedByte(s, i)) {
        out.writeBytes(s.substring(start, i).getBytes(StandardCharsets.UTF_8));
        out.write(c - ESCAPE_BASE);
        start = i + 1;
      }
    }
    out.writeBytes(s.substring(start).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * The length of the valid UTF-8 sequence at {@code i} (1 for ASCII), or 0 when the byte there
   * starts none: Go's utf8.DecodeRune rules (no overlongs, no surrogates, nothing past U+10FFFF).
   */
  private static int validSequence(byte[] b, int i, int to) {
    int b0 = b[i] & 0xFF;
    if (b0 < 0x80) {
      return 1;
    }
    int need;
    int lo = 0x80;
    int hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      need = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      need = 3;
      if (b0 == 0xE0) {
        lo = 0xA0;
      } else if (b0 == 0xED) {
        hi = 0x9F;
      }
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      need = 4;
      if (b0 == 0xF0) {
        lo = 0x90;
      } else if (b0 == 0xF4) {
        hi = 0x8F;
      }
    } else {
      return 0;
    }
    if (i + need > to) {
      return 0;
    }
    int b1 = b[i + 1] & 0xFF;
    if (b1 < lo || b1 > hi) {
      return 0;
    }
    for (int k = 2; k < need; k++) {
      int bk = b[i + k] & 0xFF;
      if (bk < 0x80 || bk > 0xBF) {
        return 0;
      }
    }
    return need;
  }
}
