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
   * The default budget: sized for the default heap of bin/etcdj (docs/memory.md), about 20,000
   * PUT events of 256-byte values (twenty times etcd's 1,000) or 60,000 of 64-byte ones. The
   * history is most of what a member under a write load keeps live, and the collector's work per
   * cycle grows with what is live: halving it from 32 MiB took about a quarter off the
   * collector's CPU per PUT on the default heap (4.3 against 5.6 us, two runs each).
   */
  public static final long DEFAULT_BYTES = 16L << 20;
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
