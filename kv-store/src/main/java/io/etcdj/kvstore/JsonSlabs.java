package io.etcdj.kvstore;

/**
 * Where the event history keeps its events' JSON: appended into large shared arrays instead of
 * one array per event. Up to --watch-history events stay reachable for seconds, so every young
 * collection used to copy each new event's own array (and its views and values): that copying
 * was most of the collector's pauses under a write load. A slab is one object, large enough to be
 * allocated outside the young generation, and holds no references for the collector to scan.
 * Slabs are never reused: one is freed by the collector once no history entry and no response
 * being written still points into it. Owned by the apply thread.
 */
final class JsonSlabs {
  static final int SLAB_BYTES = 4 << 20;
  private static final int FIRST_SLAB_BYTES = 64 << 10;
  /** Larger JSON keeps its own array: a few of them would waste most of a slab. */
  private static final int MAX_SHARED = SLAB_BYTES / 16;

  private byte[] slab;
  private int used;

  EventJson copy(EventJson json) {
    return copy(json.array(), json.offset(), json.length());
  }

  EventJson copy(byte[] src, int offset, int length) {
    if (length > MAX_SHARED) {
      return EventJson.of(java.util.Arrays.copyOfRange(src, offset, offset + length));
    }
    if (slab == null || used + length > slab.length) {
      // small first slabs, so a store that sees few writes (or a test's) stays small
      slab = new byte[slab == null ? FIRST_SLAB_BYTES : Math.min(SLAB_BYTES, 2 * slab.length)];
      used = 0;
    }
    System.arraycopy(src, offset, slab, used, length);
    EventJson stored = new EventJson(slab, used, length);
    used += length;
    return stored;
  }
}
