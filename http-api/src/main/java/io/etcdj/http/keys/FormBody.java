package io.etcdj.http.keys;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A request body as the form parser reads it, one char per byte (ISO-8859-1: the bytes Go's
 * ParseForm sees), read in place from the request's buffer: the parser slices its names and
 * values straight out of it, so no String of the whole body is made. Slices are Strings, which
 * outlive the buffer. Used on the request's event loop while the request is held (not released).
 */
final class FormBody implements CharSequence {
  private final ByteBuf bytes;
  private final int start;
  private final int length;

  FormBody(ByteBuf bytes) {
    this.bytes = bytes;
    this.start = bytes.readerIndex();
    this.length = bytes.readableBytes();
  }

  @Override public int length() {
    return length;
  }

  @Override public char charAt(int index) {
    Objects.checkIndex(index, length);
    return (char) (bytes.getByte(start + index) & 0xff);
  }

  /** A String copied out of the buffer. */
  @Override public CharSequence subSequence(int from, int to) {
    Objects.checkFromToIndex(from, to, length);
    return bytes.toString(start + from, to - from, StandardCharsets.ISO_8859_1);
  }

  @Override public String toString() {
    return bytes.toString(start, length, StandardCharsets.ISO_8859_1);
  }
}
