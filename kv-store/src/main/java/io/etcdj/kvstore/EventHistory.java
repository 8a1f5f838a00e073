package io.etcdj.kvstore;

import java.util.ArrayList;
import java.util.List;

/**
 * Ring buffer of the last {@code capacity} events (etcd's EventHistory), so a watcher can ask for
 * events since an index it already passed. Store writes add exactly one event per index, so the
 * event at index i sits at offset i - startIndex from the front. Owned by the apply thread; read
 * by watch registration under the store's write lock.
 *
 * <p>It keeps each event's {@link Event#historic slim copy}, with the JSON clients see (keys
 * without {@code prefix}) in {@link JsonSlabs}: a hundred thousand full events with their values
 * and views were most of what every young collection had to copy.
 *
 * <p>Besides {@code capacity} events it holds at most {@code maxBytes} of memory ({@link
 * HistoryLimits}), dropping the oldest first: a history sized in events alone would keep 100,000
 * copies of megabyte values, and a watcher that far behind is better told 401 (and re-lists) than
 * the member running out of heap.
 */
final class EventHistory {
  private static final int SCRATCH_KEPT_BYTES = 1 << 20;

  private final Event[] ring;
  private final String prefix;
  private final long maxBytes;
  private final JsonSlabs slabs = new JsonSlabs();
  /** Where each new event is encoded before its bytes go into a slab: no array per event. */
  private GoJsonWriter scratch = new GoJsonWriter(4096);
  private long bytes;
  private int front;
  private int size;
  private long startIndex;
  private long lastIndex;

  EventHistory(int capacity, String prefix) {
    this(HistoryLimits.of(capacity), prefix);
  }

  EventHistory(HistoryLimits limits, String prefix) {
    ring = new Event[limits.events()];
    this.prefix = prefix;
    this.maxBytes = limits.bytes();
  }

  HistoryLimits limits() {
    return new HistoryLimits(ring.length, maxBytes);
  }

  /** The key prefix cut from the keys in the JSON the history keeps ("" for none). */
  String prefix() {
    return prefix;
  }

  int capacity() {
    return ring.length;
  }

  int size() {
    return size;
  }

  /** Records {@code e}, which from now on hands out the history's copy of its JSON. */
  void add(Event e) {
    EventJson known = e.memoizedJson(prefix);
    EventJson stored;
    if (known != null) {
      stored = slabs.copy(known);
    } else {
      e.writeJson(scratch.reset(), prefix);
      stored = slabs.copy(scratch.buffer(), 0, scratch.length());
      if (scratch.buffer().length > SCRATCH_KEPT_BYTES) {
        scratch = new GoJsonWriter(4096); // one huge value must not pin its buffer forever
      }
    }
    e.shareJson(prefix, stored);
    if (size == ring.length) {
      dropOldest();
    }
    ring[(front + size) % ring.length] = e.historic(prefix, stored);
    size++;
    bytes += stored.length() + HistoryLimits.EVENT_OVERHEAD_BYTES;
    while (bytes > maxBytes && size > 1) {
      dropOldest();
    }
    lastIndex = e.index();
    startIndex = ring[front].index();
  }

  private void dropOldest() {
    bytes -= ring[front].json(prefix).length() + HistoryLimits.EVENT_OVERHEAD_BYTES;
    ring[front] = null;
    front = (front + 1) % ring.length;
    size--;
  }

  /** The newest {@code max} events, oldest first (for snapshots). */
  List<Event> newest(int max) {
    int n = Math.min(size, max);
    List<Event> out = new ArrayList<>(n);
    for (int i = size - n; i < size; i++) {
      out.add(ring[(front + i) % ring.length]);
    }
    return out;
  }

  /**
   * etcd's scan: the first event at or after {@code index} that a watcher on {@code key} would
   * see; null when none has happened yet; a 401 error (index 0, the caller sets the store index)
   * when {@code index} has fallen out of the history.
   */
  ScanResult scan(String key, boolean recursive, long index) {
    if (index < startIndex) {
      return new ScanResult(null, new StoreError(ErrorCode.EVENT_INDEX_CLEARED,
          "the requested history has been cleared [" + startIndex + "/" + index + "]", 0));
    }
    if (index > lastIndex || size == 0) {
      return ScanResult.NONE;
    }
    int offset = (int) (index - startIndex);
    for (int k = offset; k < size; k++) {
      Event e = ring[(front + k) % ring.length];
      if (matches(e, key, recursive)) {
        return new ScanResult(e, null);
      }
    }
    return ScanResult.NONE;
  }

  /** Every matching event from {@code index} on, for stream watchers replaying the history. */
  List<Event> scanAll(String key, boolean recursive, long index) {
    List<Event> out = new ArrayList<>();
    if (index < startIndex || index > lastIndex || size == 0) {
      return out;
    }
    for (int k = (int) (index - startIndex); k < size; k++) {
      Event e = ring[(front + k) % ring.length];
      if (matches(e, key, recursive)) {
        out.add(e);
      }
    }
    return out;
  }

  long lastIndex() {
    return lastIndex;
  }

  private static boolean matches(Event e, String key, boolean recursive) {
    if (e.refresh()) {
      return false;
    }
    String eventKey = e.node().key();
    boolean ok = eventKey.equals(key);
    if (!ok && recursive) {
      String dirKey = key.endsWith("/") ? key : key + "/";
      ok = eventKey.startsWith(dirKey);
    }
    if (!ok && ("delete".equals(e.action()) || "expire".equals(e.action()))
        && e.prevNode() != null && e.prevNode().dir()) {
      // a deleted directory takes every watched key below it along (etcd compares raw prefixes)
      ok = key.startsWith(e.prevNode().key());
    }
    return ok;
  }

  record ScanResult(Event event, StoreError error) {
    static final ScanResult NONE = new ScanResult(null, null);
  }
}
