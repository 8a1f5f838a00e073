package io.etcdj.raft;

import java.util.List;

/**
 * A leader's bound on the payload bytes of its uncommitted tail (etcd's MaxUncommittedEntriesSize):
 * a leader that cannot reach a quorum stops taking proposals instead of growing its log, and the
 * memory that holds it, without end. Each accepted batch is remembered by its last index, so
 * commit releases its bytes without reading the log back. Owned by the Raft thread; reset when
 * leadership changes hands (a new leader counts only what it appends itself).
 */
final class UncommittedBudget {
  /** 0: no bound, and nothing tracked. */
  private final long maxBytes;
  private long bytes;
  /** Ring of (last index, payload bytes) of the accepted batches not yet committed, oldest first. */
  private long[] lastIndexes = new long[16];
  private long[] batchBytes = new long[16];
  private int head;
  private int count;

  UncommittedBudget(long maxBytes) { this.maxBytes = maxBytes; }

  /** Payload bytes of uncommitted proposals this leader accepted. */
  long bytes() { return bytes; }

  /**
   * Whether a batch of {@code payloadBytes} ending at {@code lastIndex} may be appended; if so it
   * is counted. A batch without payload (a new leader's empty entry) is always accepted, and so is
   * any batch while nothing is uncommitted, however large, or no proposal could ever pass.
   */
  boolean tryAdd(long lastIndex, long payloadBytes) {
    if (maxBytes == 0 || payloadBytes == 0) {
      return true;
    }
    if (bytes > 0 && bytes + payloadBytes > maxBytes) {
      return false;
    }
    if (count == lastIndexes.length) {
      grow();
    }
    int tail = (head + count) % lastIndexes.length;
    lastIndexes[tail] = lastIndex;
    batchBytes[tail] = payloadBytes;
    count++;
    bytes += payloadBytes;
    return true;
  }

  /** Everything up to {@code committed} is committed: its bytes no longer count. */
  void committedTo(long committed) {
    while (count > 0 && lastIndexes[head] <= committed) {
      bytes -= batchBytes[head];
      head = (head + 1) % lastIndexes.length;
      count--;
    }
  }

  void reset() {
    bytes = 0;
    head = 0;
    count = 0;
  }

  private void grow() {
    long[] idx = new long[lastIndexes.length * 2];
    long[] sz = new long[idx.length];
    for (int i = 0; i < count; i++) {
      idx[i] = lastIndexes[(head + i) % lastIndexes.length];
      sz[i] = batchBytes[(head + i) % lastIndexes.length];
    }
    lastIndexes = idx;
    batchBytes = sz;
    head = 0;
  }

  /** What a batch counts for: its payloads only, as etcd's PayloadSize (headers are not data). */
  static long payloadBytes(List<Entry> entries) {
    long total = 0;
    for (Entry e : entries) {
      total += e.data() == null ? 0 : e.data().length;
    }
    return total;
  }

  @Override public String toString() {
    return "UncommittedBudget{" + bytes + "/" + maxBytes + " bytes in " + count + " batches}";
  }
}
