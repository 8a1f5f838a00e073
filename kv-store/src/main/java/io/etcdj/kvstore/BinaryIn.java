package io.etcdj.kvstore;

import java.nio.charset.StandardCharsets;

/** Reader for {@link BinaryOut}'s format; throws IllegalArgumentException on malformed input. Single-threaded. */
final class BinaryIn {
  private final byte[] buf;
  private int pos;

  BinaryIn(byte[] buf) {
    this(buf, 0);
  }

  /** Reads {@code buf} from {@code offset} on (what comes before belongs to someone else). */
  BinaryIn(byte[] buf, int offset) {
    this.buf = buf;
    this.pos = offset;
  }

  int readByte() {
    if (pos >= buf.length) {
      throw new IllegalArgumentException("truncated input at " + pos);
    }
    return buf[pos++] & 0xFF;
  }

  boolean readBoolean() {
    return readByte() != 0;
  }

  long readLong() {
    long z = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      int b = readByte();
      z |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (z >>> 1) ^ -(z & 1);
      }
    }
    throw new IllegalArgumentException("varint too long at " + pos);
  }

  byte[] readBytes() {
    long n = readLong();
    if (n < 0 || n > buf.length - pos) {
      throw new IllegalArgumentException("bad byte length " + n + " at " + pos);
    }
    byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + (int) n);
    pos += (int) n;
    return out;
  }

  String readString() {
    long n = readLong();
    if (n == 0) {
      return null;
    }
    int size = Math.toIntExact(n - 1);
    if (size < 0 || pos + size > buf.length) {
      throw new IllegalArgumentException("bad string length " + size + " at " + pos);
    }
    int end = pos + size;
    boolean ascii = true;
    for (int i = pos; i < end; i++) {
      if (buf[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      String s = new String(buf, pos, size, StandardCharsets.ISO_8859_1);
      pos = end;
      return s;
    }
    StringBuilder sb = new StringBuilder(size);
    while (pos < end) {
      int b = buf[pos++] & 0xFF;
      if (b < 0x80) {
        sb.append((char) b);
      } else if (b < 0xE0) {
        sb.append((char) (((b & 0x1F) << 6) | continuation(end)));
      } else if (b < 0xF0) {
        int hi = continuation(end);
        sb.append((char) (((b & 0x0F) << 12) | (hi << 6) | continuation(end)));
      } else {
        int b2 = continuation(end);
        int b3 = continuation(end);
        int cp = ((b & 0x07) << 18) | (b2 << 12) | (b3 << 6) | continuation(end);
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }

  private int continuation(int end) {
    if (pos >= end) {
      throw new IllegalArgumentException("truncated UTF-8 at " + pos);
    }
    return buf[pos++] & 0x3F;
  }

  boolean atEnd() {
    return pos == buf.length;
  }
}
