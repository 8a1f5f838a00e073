package io.etcdj.kvstore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Compact binary writer (zig-zag varints, length-prefixed UTF-8) for commands and snapshots. Single-threaded. */
final class BinaryOut {
  private byte[] buf;
  private int len;

  BinaryOut(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** Leaves {@code headerBytes} zero bytes at the front for the caller to fill in afterwards. */
  BinaryOut(int initialCapacity, int headerBytes) {
    this(initialCapacity + headerBytes);
    len = headerBytes;
  }

  BinaryOut writeByte(int b) {
    ensure(1);
    buf[len++] = (byte) b;
    return this;
  }

  BinaryOut writeBoolean(boolean b) {
    return writeByte(b ? 1 : 0);
  }

  BinaryOut writeLong(long v) {
    long z = (v << 1) ^ (v >> 63);
    ensure(10);
    while ((z & ~0x7FL) != 0) {
      buf[len++] = (byte) ((z & 0x7F) | 0x80);
      z >>>= 7;
    }
    buf[len++] = (byte) z;
    return this;
  }

  /** Bytes as varint(length) then the bytes. */
  BinaryOut writeBytes(EventJson bytes) {
    writeLong(bytes.length());
    ensure(bytes.length());
    System.arraycopy(bytes.array(), bytes.offset(), buf, len, bytes.length());
    len += bytes.length();
    return this;
  }

  /**
   * A string, or null, as varint(byte length + 1) then its UTF-8 bytes (0 = null). Unpaired
   * surrogates are kept as 3-byte sequences (WTF-8) rather than replaced, so every Java string
   * survives the round trip.
   */
  BinaryOut writeString(String s) {
    if (s == null) {
      return writeLong(0);
    }
    // Keys and values are nearly always ASCII: let the JDK's intrinsic encoder do those in bulk.
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (utf8.length == s.length() && noReplacedSurrogates(s, utf8)) {
      writeLong(utf8.length + 1L);
      ensure(utf8.length);
      System.arraycopy(utf8, 0, buf, len, utf8.length);
      len += utf8.length;
      return this;
    }
    int n = s.length();
    int size = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        size += 1;
      } else if (c < 0x800) {
        size += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        size += 4;
        i++;
      } else {
        size += 3;
      }
    }
    writeLong(size + 1L);
    ensure(size);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[len++] = (byte) c;
      } else if (c < 0x800) {
        buf[len++] = (byte) (0xC0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[len++] = (byte) (0xF0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return this;
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

  byte[] toBytes() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
