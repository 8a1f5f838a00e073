package io.etcdj.kvstore;

import java.util.Arrays;

/**
 * The layout of a node's one byte array: an unsigned LEB128 varint of the name's length in
 * bytes, the name, then the value, both WTF-8. One array instead of two saves an array header
 * and a reference per key; names are short, so the varint is nearly always one byte. Snapshots
 * store these bytes as they are. Stateless.
 */
final class NodeData {
  private NodeData() {}

  static byte[] of(String name, String value) {
    int nameLength = Wtf8.length(name, 0, name.length());
    int valueLength = Wtf8.length(value, 0, value.length());
    byte[] d = new byte[varintSize(nameLength) + nameLength + valueLength];
    int pos = writeVarint(d, nameLength);
    pos = Wtf8.encodeInto(name, d, pos, nameLength);
    Wtf8.encodeInto(value, d, pos, valueLength);
    return d;
  }

  /** {@code data}'s name with {@code value}: a new array ({@code data} is shared, never modified). */
  static byte[] withValue(byte[] data, String value) {
    int valueFrom = valueFrom(data);
    int valueLength = Wtf8.length(value, 0, value.length());
    byte[] d = Arrays.copyOf(data, valueFrom + valueLength);
    Wtf8.encodeInto(value, d, valueFrom, valueLength);
    return d;
  }

  static int nameLength(byte[] d) {
    int b = d[0];
    if (b >= 0) {
      return b;
    }
    int length = b & 0x7F;
    for (int i = 1, shift = 7; ; i++, shift += 7) {
      b = d[i];
      length |= (b & 0x7F) << shift;
      if (b >= 0) {
        return length;
      }
    }
  }

  /** Where the name starts: after the varint. */
  static int nameFrom(byte[] d) {
    int i = 0;
    while (d[i] < 0) {
      i++;
    }
    return i + 1;
  }

  static int valueFrom(byte[] d) {
    return nameFrom(d) + nameLength(d);
  }

  static String name(byte[] d) {
    return Wtf8.decode(d, nameFrom(d), nameLength(d));
  }

  /**
   * Checks bytes read from a snapshot: a well-formed varint, a name that fits, and no value for
   * a directory. IllegalArgumentException otherwise.
   */
  static void check(byte[] d, boolean dir) {
    int i = 0;
    while (i < d.length && i < 5 && d[i] < 0) {
      i++;
    }
    if (i >= d.length || i >= 5) {
      throw new IllegalArgumentException("bad node name length");
    }
    long end = (long) i + 1 + (nameLength(d) & 0xFFFFFFFFL);
    if (end > d.length || (dir && end != d.length)) {
      throw new IllegalArgumentException("bad node bytes: name ends at " + end + " of " + d.length);
    }
  }

  private static int varintSize(int v) {
    int size = 1;
    while ((v & ~0x7F) != 0) {
      v >>>= 7;
      size++;
    }
    return size;
  }

  private static int writeVarint(byte[] d, int v) {
    int pos = 0;
    while ((v & ~0x7F) != 0) {
      d[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    d[pos++] = (byte) v;
    return pos;
  }
}
