package io.etcdj.raft;

/**
 * The last indexes of the MsgApps in flight to one follower, oldest first (a ring buffer). When
 * full, the leader stops sending appends to that follower until acknowledgements free slots: the
 * flow-control window of etcd's tracker.Inflights. Owned by the Raft thread.
 */
final class Inflights {
  private final long[] buffer;
  private int start;
  private int count;

  Inflights(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("inflight capacity must be positive: " + capacity);
    }
    buffer = new long[capacity];
  }

  void add(long lastIndex) {
    if (full()) {
      throw new IllegalStateException("cannot add into a full inflights window");
    }
    buffer[(start + count) % buffer.length] = lastIndex;
    count++;
  }

  /** Frees every message whose last index is at most {@code to}. */
  void freeLE(long to) {
    if (count == 0 || to < buffer[start]) {
      return;
    }
    int freed = 0;
    int idx = start;
    while (freed < count && buffer[idx] <= to) {
      freed++;
      idx = (idx + 1) % buffer.length;
    }
    count -= freed;
    start = count == 0 ? 0 : idx;
  }

  void freeFirstOne() {
    if (count > 0) {
      freeLE(buffer[start]);
    }
  }

  boolean full() { return count == buffer.length; }

  int count() { return count; }

  void reset() {
    start = 0;
    count = 0;
  }
}
