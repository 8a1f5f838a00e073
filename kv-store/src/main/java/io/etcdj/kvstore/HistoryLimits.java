package io.etcdj.kvstore;

/**
 * How much of the past the event history keeps, for watchers that ask for an index they missed:
 * at most {@code events} events and {@code bytes} of memory, the oldest dropped first. A watcher
 * further behind is told 401 and re-lists, as etcd does; the byte budget keeps a burst of large
 * values from costing the member its heap.
 *
 * @param events etcd's history length ({@code --watch-history})
 * @param bytes the history's memory, each event counted as its JSON plus {@link #EVENT_OVERHEAD_BYTES}
 *     ({@code --watch-history-bytes})
 */
public record HistoryLimits(int events, long bytes) {
  /**
   * The default budget: sized for the default heap of bin/etcdj (docs/memory.md), about 40,000
   * PUT events of 256-byte values or the whole 100,000 of small ones.
   */
  public static final long DEFAULT_BYTES = 32L << 20;
  /** What the history keeps per event besides its JSON: the slim event, its views and slab reference. */
  static final int EVENT_OVERHEAD_BYTES = 160;

  public HistoryLimits {
    if (events < 1) {
      throw new IllegalArgumentException("history capacity must be positive: " + events);
    }
    if (bytes < 1) {
      throw new IllegalArgumentException("history budget must be positive: " + bytes);
    }
  }

  /** {@code events} events within the default memory budget. */
  public static HistoryLimits of(int events) {
    return new HistoryLimits(events, DEFAULT_BYTES);
  }
}
