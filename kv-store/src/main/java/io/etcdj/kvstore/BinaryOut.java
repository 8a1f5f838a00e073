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
    if (s == null) {
      return writeLong(0);
    }
    int size = Wtf8.length(s, 0, s.length());
    writeLong(size + 1L);
    ensure(size);
    len = Wtf8.encodeInto(s, buf, len, size);
    return this;
  }

  /** How many bytes {@link #writeString} writes for {@code s}, to size a buffer exactly. */
  static int stringSize(String s) {
    if (s == null) {
      return 1;
    }
    int size = Wtf8.length(s, 0, s.length());
    return longSize(size + 1L) + size;
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
