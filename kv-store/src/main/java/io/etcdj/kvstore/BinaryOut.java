package io.etcdj.kvstore;

import java.util.Arrays;

/** Compact binary writer (zig-zag varints, length-prefixed UTF-8) for commands and snapshots. Single-threaded. */
final class BinaryOut {
  private byte[] buf;
  private int len;

  BinaryOut(int initialCapacity) {
    buf = new byte[Math.max(1, initialCapacity)];
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
    if (len + 10 > buf.length) {
      // near the end of an exactly sized buffer: ask for what this varint takes, not the most
      ensure(longSize(v));
    }
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
   * A string, or null, as varint(byte length + 1) then its WTF-8 bytes (0 = null): unpaired
   * surrogates are kept, so every Java string survives the round trip.
   */
  BinaryOut writeString(String s) {
    return writeString(s, byteLength(s));
  }

  /** {@link #writeString(String)} of {@code s} whose {@link #byteLength} the caller has. */
  BinaryOut writeString(String s, int byteLength) {
    if (s == null) {
      return writeLong(0);
    }
    writeLong(byteLength + 1L);
    ensure(byteLength);
    len = Wtf8.encodeInto(s, buf, len, byteLength);
    return this;
  }

  /** The WTF-8 length of {@code s}, -1 for null: sizes a buffer, then writes without counting again. */
  static int byteLength(String s) {
    return s == null ? -1 : Wtf8.length(s, 0, s.length());
  }

  /** How many bytes {@link #writeString} writes for a string of {@code byteLength} (-1: null). */
  static int stringSize(int byteLength) {
    return byteLength < 0 ? 1 : longSize(byteLength + 1L) + byteLength;
  }

  /** How many bytes {@link #writeLong} writes for {@code v}. */
  static int longSize(long v) {
    long z = (v << 1) ^ (v >> 63);
    return z == 0 ? 1 : (70 - Long.numberOfLeadingZeros(z)) / 7;
  }

  /** Bytes as varint(length) then the bytes. */
  BinaryOut writeBytes(byte[] bytes) {
    writeLong(bytes.length);
    return writeRaw(bytes);
  }

  private BinaryOut writeRaw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  /** What was written; the buffer itself when it was sized exactly (no copy). */
  byte[] toBytes() {
    return len == buf.length ? buf : Arrays.copyOf(buf, len);
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
