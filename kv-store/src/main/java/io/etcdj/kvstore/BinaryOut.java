package io.etcdj.kvstore;

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
   * A string, or null, as varint(byte length + 1) then its WTF-8 bytes (0 = null): unpaired
   * surrogates are kept, so every Java string survives the round trip.
   */
  BinaryOut writeString(String s) {
    if (s == null) {
      return writeLong(0);
    }
    byte[] wtf8 = Wtf8.encode(s);
    writeLong(wtf8.length + 1L);
    return writeRaw(wtf8);
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

  byte[] toBytes() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
