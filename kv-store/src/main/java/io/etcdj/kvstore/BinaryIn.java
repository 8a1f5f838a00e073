package io.etcdj.kvstore;

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
    String s = Wtf8.decode(buf, pos, size);
    pos += size;
    return s;
  }

  boolean atEnd() {
    return pos == buf.length;
  }
}
