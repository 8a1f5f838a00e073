package io.etcdj.kvstore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An event's encoded JSON: {@code length} bytes of {@code array} from {@code offset}. The array
 * is shared (with the history's slab and every response and watcher sending the event), so
 * nobody may modify it.
 */
public record EventJson(byte[] array, int offset, int length) {
  public static EventJson of(byte[] bytes) {
    return new EventJson(bytes, 0, bytes.length);
  }

  public String utf8() {
    return new String(array, offset, length, StandardCharsets.UTF_8);
  }

  public byte[] toByteArray() {
    return Arrays.copyOfRange(array, offset, offset + length);
  }
}
